package dev.multipool.plugins.pod.e2e;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocatedCidrs;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The pod consumer's start-up gates through real hosts in Kubernetes mode (spec M48, M52, M30, P2,
 * P5): while one waits, {@code /v1/healthz} answers 503 naming the gate and what it waits for; it
 * opens when the cluster catches up, or, for {@code cidrs-present}, at its deadline with a warning
 * shown in {@code /v1/healthz} and {@code /v1/consumers/pod}. One mock API server and operator,
 * one host per test on a node of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodStartupGatesIT {

    @TempDir
    static Path dir;
    PodCluster cluster;

    @BeforeAll
    void start() {
        cluster = PodCluster.start(dir);
        cluster.pool(pool("default").ipv4("10.10.0.0/16", 26).ipv6("fd10::/104", 120));
        cluster.pool(pool("v4only").ipv4("10.20.0.0/16", 26));
        // one block per family, both taken by node-hog below: this pool never has a CIDR for anyone else
        cluster.pool(pool("scarce").ipv4("10.77.0.0/28", 28).ipv6("fd77::/124", 124));
        cluster.api().createCiliumNode(CiliumObjects.node("node-hog").with(List.of("spec", "ipam", "pools"),
                CiliumObjects.section(entries(request("scarce", 1, 1)), List.of())));
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.operator().blocksOf("node-hog")).hasSize(2));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Waits until the pod consumer waits for a gate; returns its health entry. */
    private static JsonNode awaitWaiting(PodRest rest, String gate) {
        JsonNode[] health = new JsonNode[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            HttpReply reply = rest.rest().healthzReply();
            health[0] = rest.health();
            assertThat(health[0].path("gate").asString()).as(health[0].toString()).isEqualTo(gate);
            assertThat(health[0].path("state").asString()).isEqualTo("waiting");
            assertThat(reply.status()).isEqualTo(503);
        });
        return health[0];
    }

    @Test
    @DisplayName("M48: cidrs-present waits, named in /v1/healthz (503, no allocations), until the operator delegates "
            + "a CIDR of every pre-allocated pool and family")
    void cidrsPresent() {
        cluster.operator().pause();
        PodRest rest;
        try {
            rest = new PodRest(cluster.launch("node-g1", "--ipam-multi-pool-pre-allocation", "default=2"));
            JsonNode waiting = awaitWaiting(rest, "cidrs-present");

            assertThat(waiting.path("reason").asString()).isEqualTo("waiting for a CIDR of each pre-allocated pool on "
                    + "node 'node-g1': pool 'default' has no free ipv4 address; pool 'default' has no free ipv6 address"
                    + " (check that the operator runs and delegates CIDRs of these pools to this node)");
            assertThat(rest.next("router").status()).as("not serving while a gate waits").isEqualTo(503);
        } finally {
            cluster.operator().resume();
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(rest.rest().healthzReply().status()).isEqualTo(200));
        assertThat(rest.health().path("state").asString()).isEqualTo("ready");
        assertThat(rest.health().path("warnings").isEmpty()).isTrue();
        assertThat(rest.next("router").status()).isEqualTo(201);
    }

    @Test
    @DisplayName("M52/M30: a pool that never gets a CIDR is reported while cidrs-present waits; at the "
            + "--ipam-multi-pool-cidr-wait-timeout deadline the consumer serves with a warning in healthz and its status")
    void poolThatNeverGetsACidr() {
        long launched = System.nanoTime();
        PodRest rest = new PodRest(cluster.launch("node-g2",
                "--ipam-multi-pool-pre-allocation", "default=2,scarce=2,v4only=1",
                "--ipam-multi-pool-cidr-wait-timeout", "3s"));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(awaitWaiting(rest, "cidrs-present").path("reason").asString())
                        .contains("pool 'scarce' has no free ipv4 address; pool 'scarce' has no free ipv6 address")
                        .doesNotContain("'default'"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rest.rest().healthzReply().status()).isEqualTo(200));
        long tookMillis = Duration.ofNanos(System.nanoTime() - launched).toMillis();

        assertThat(tookMillis).as("the gate waited for its deadline").isGreaterThanOrEqualTo(3000);
        JsonNode health = rest.health();
        assertThat(health.path("state").asString()).isEqualTo("ready");
        assertThat(health.path("warnings").values()).map(JsonNode::asString).singleElement().satisfies(warning ->
                assertThat(warning).startsWith("startup gate cidrs-present did not open within PT3S: ")
                        .contains("pool 'scarce' has no free ipv4 address; pool 'scarce' has no free ipv6 address")
                        .contains("pool 'v4only' offers no ipv6"));
        assertThat(rest.rest().consumer(PodRest.POD).path("warnings")).isEqualTo(health.path("warnings"));
        assertThat(rest.nextServed("router", null, null).at("/address/ipv4-pool-name").asString()).isEqualTo("default");
        HttpReply scarce = rest.next("default/none", "ipv4", "scarce");
        assertThat(scarce.status()).isEqualTo(502);
        assertThat(PodRest.error(scarce)).contains("pool \"scarce\" (family ipv4): pool not (yet) available");
    }

    @Test
    @DisplayName("P2/M30: pools-known waits for a pre-allocated pool missing from the CiliumPodIPPool table and opens "
            + "when it is created; a pool lacking IPv6 opens cidrs-present with a warning instead of blocking")
    void poolsKnown() {
        PodRest rest = new PodRest(cluster.launch("node-g3", "--ipam-multi-pool-pre-allocation",
                "default=2,late=0,v4only=1"));

        JsonNode waiting = awaitWaiting(rest, "pools-known");

        assertThat(waiting.path("reason").asString()).startsWith("waiting for pre-allocated pool 'late' in the "
                + "CiliumPodIPPool table (waited ");
        assertThat(waiting.path("warnings").values()).map(JsonNode::asString).singleElement().satisfies(warning ->
                assertThat(warning).startsWith("cidrs-present: pool 'v4only' offers no ipv6 (its CiliumPodIPPool has "
                        + "no spec.ipv6)"));

        cluster.pool(pool("late").ipv4("10.30.0.0/16", 26).ipv6("fd30::/104", 120));

        await().atMost(WAIT).untilAsserted(() -> assertThat(rest.rest().healthzReply().status()).isEqualTo(200));
        assertThat(rest.health().path("warnings").size()).as("only the v4only warning").isEqualTo(1);
        assertThat(rest.nextServed("default/late", "ipv4", "late").at("/ipv4/ip").asString()).startsWith("10.30.");
    }

    @Test
    @DisplayName("P5: first-node-write waits while the CiliumNode cannot be written (500 to every PUT), and opens "
            + "after the first write; the stale request it had to replace is gone")
    void firstNodeWrite() {
        String node = "node-g4";
        cluster.api().createCiliumNode(CiliumObjects.node(node).with(List.of("spec", "ipam", "pools"),
                CiliumObjects.section(entries(request("default", 2, 2), request("stale", 5, 0)), List.of())));
        await().atMost(WAIT).untilAsserted(() -> assertThat(allocatedCidrs(cluster.api().ciliumNode(node)
                .orElseThrow(), POOLS, "default")).hasSize(2));
        String putPath = MockApiServer.CILIUM_NODES_PATH + "/" + node;
        cluster.api().faults().serverErrors(1.0, call -> call.method().equals("PUT")
                && call.pathWithoutQuery().equals(putPath));
        KubernetesHost host;
        try {
            host = cluster.launch(node, "--ipam-multi-pool-pre-allocation", "default=2");
            JsonNode waiting = awaitWaiting(new PodRest(host), "first-node-write");

            assertThat(waiting.path("reason").asString())
                    .isEqualTo("waiting for the first write of spec.ipam.pools to CiliumNode 'node-g4'");
            await().atMost(WAIT).untilAsserted(() -> assertThat(host.nodePuts()).isNotEmpty());
            assertThat(host.nodePuts()).allSatisfy(put -> assertThat(put.status()).isEqualTo(500));
            assertThat(awaitWaiting(new PodRest(host), "first-node-write")).as("still waiting after a refused write")
                    .isNotNull();
        } finally {
            cluster.api().faults().heal();
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(host.rest().healthzReply().status()).isEqualTo(200));
        assertThat(CiliumObjects.sectionOf(cluster.api().ciliumNode(node).orElseThrow(), POOLS).orElseThrow())
                .extracting(section -> ((Map<?, ?>) section).get("requested"))
                .isEqualTo(entries(request("default", 2, 2)));
    }

    @Test
    @DisplayName("S64: until the CiliumPodIPPool informer has listed the pools, a request without a pool is a 502; "
            + "after the list succeeds, the default pool")
    void poolsNotSynced() {
        cluster.api().faults().serverErrors(1.0, call -> call.method().equals("GET") && !call.isWatch()
                && call.pathWithoutQuery().equals("/apis/cilium.io/v2alpha1/ciliumpodippools"));
        PodRest rest;
        try {
            rest = new PodRest(cluster.host("node-g5", "--ipam-multi-pool-pre-allocation="));

            HttpReply unsynced = rest.next("router", "ipv4", null);

            assertThat(unsynced.status()).isEqualTo(502);
            assertThat(PodRest.error(unsynced)).isEqualTo("pool selection has not synced all pod IP pools yet "
                    + "(CiliumPodIPPool); cannot choose the ipv4 pool for owner \"router\"");
        } finally {
            cluster.api().faults().heal();
        }

        await().atMost(WAIT).until(() -> {
            HttpReply reply = rest.next("router", "ipv4", null);
            return reply.status() != 502 || !PodRest.error(reply).startsWith("pool selection has not synced");
        });
        assertThat(rest.nextServed("router", "ipv4", null).at("/address/ipv4-pool-name").asString())
                .isEqualTo("default");
    }
}
