package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocatedCidrs;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import dev.multipool.host.testing.kubernetes.TestOperator;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The API server failing under a running host: 500s, watches closed by the server, and the
 * server unreachable for a while. Allocation and release go on from the CIDRs already held (the
 * REST API never waits for the API server), {@code /v1/healthz} shows the node source's state and
 * last error and the metrics its state and request counts, and once the server answers again the
 * current demand reaches the node and nothing handed out is lost. The operator keeps working meanwhile (it talks to the server directly).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesFaultTest {

    private static final String NODE = "node-a";

    @TempDir
    static Path dir;
    MockApiServer api;
    TestOperator operator;
    KubernetesHost host;
    HostRest rest;
    final Map<String, String> held = new TreeMap<>();
    int next;

    @BeforeAll
    void start() {
        api = MockApiServer.start(dir);
        PodPools.createDefaultAndBlue(api);
        api.createCiliumNode(CiliumObjects.node(NODE));
        operator = TestOperator.forPodPools(api.driver()).start();
        host = KubernetesHost.builder(api, dir.resolve("host")).nodeName(NODE)
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=16").start();
        rest = host.rest();
    }

    @AfterAll
    void stop() {
        try {
            CiliumNodeSchema.assertValidPuts(host.nodePuts());
        } finally {
            host.close();
            operator.close();
            api.close();
        }
    }

    @BeforeEach
    void delegatedAndWatching() {
        await().atMost(WAIT).until(() -> !allocatedCidrs(api.ciliumNode(NODE).orElseThrow(), POOLS, "default").isEmpty()
                && nodeSource().path("state").asString().equals("synced") && api.faults().openWatches() >= 2);
    }

    @AfterEach
    void heal() {
        api.faults().heal();
        api.network().acceptConnections();
    }

    private JsonNode nodeSource() {
        return rest.healthz().path("node-source");
    }

    /** Allocates more addresses from the held default CIDR; every call must succeed at once. */
    private void allocateFromHeldCidrs(int count) {
        for (int i = 0; i < count; i++) {
            String owner = "pod-" + next++;
            held.put(rest.allocateNext(POD, "ipv4", null, owner), owner);
        }
    }

    /**
     * Keeps allocating and releasing (pod churn) until the node writer has failed a few more times,
     * so the outage is met by traffic, not by one idle retry.
     */
    private void churnUntilWritesFail() {
        long target = nodeSource().path("failures").asLong() + 5;
        await().atMost(WAIT).until(() -> {
            String ip = rest.allocateNext(POD, "ipv4", null, "churn");
            rest.release(POD, ip, "default");
            return nodeSource().path("failures").asLong() >= target;
        });
    }

    /** Waits until the node's default request reflects every held address (spec M26 with p=16). */
    private void awaitDemandOnNode() {
        long inUse = held.size();
        long expected = (inUse / 16 + (inUse % 16 > 0 ? 2 : 1)) * 16;
        await().atMost(WAIT).untilAsserted(() -> assertThat(api.ciliumNode(NODE).orElseThrow()
                .getList("spec", "ipam", "pools", "requested").orElseThrow()).contains(request("default", expected, 16)));
        assertThat(rest.allocations(POD, "ipv4").get("default")).isEqualTo(held);
    }

    @Test
    @DisplayName("500s on every CiliumNode request: allocations succeed from held CIDRs, healthz shows the error, "
            + "demand reaches the node after recovery")
    void serverErrors() {
        api.faults().serverErrors(1.0, call -> !call.isWatch()
                && call.pathWithoutQuery().startsWith(MockApiServer.CILIUM_NODES_PATH));

        allocateFromHeldCidrs(20);
        churnUntilWritesFail();

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode source = nodeSource();
            assertThat(source.path("state").asString()).isEqualTo("disconnected");
            assertThat(source.path("last-error").asString()).contains("HTTP 500");
            assertThat(source.path("failures").asLong()).isPositive();
        });
        assertThat(rest.healthzReply().status()).as("the consumers keep serving").isEqualTo(200);
        assertThat(metric("multipool_node_source_synced", "mode", "kubernetes")).isZero();
        assertThat(metric("multipool_node_source_requests", "outcome", "failed")).isPositive();
        double written = metric("multipool_node_source_requests", "outcome", "written");

        api.faults().heal();
        awaitDemandOnNode();
        await().atMost(WAIT).until(() -> nodeSource().path("state").asString().equals("synced"));
        assertThat(nodeSource().has("last-error")).isFalse();
        assertThat(metric("multipool_node_source_synced", "mode", "kubernetes")).isEqualTo(1.0);
        assertThat(metric("multipool_node_source_requests", "outcome", "written")).isGreaterThan(written);
    }

    /** The value of the host's metric sample with the one label given; fails when there is none. */
    private double metric(String name, String label, String value) {
        for (MetricSnapshot snapshot : host.host().metrics().registry().scrape()) {
            if (snapshot.getMetadata().getName().equals(name)) {
                for (DataPointSnapshot point : snapshot.getDataPoints()) {
                    if (value.equals(point.getLabels().get(label))) {
                        return point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge ? gauge.getValue()
                                : ((CounterSnapshot.CounterDataPointSnapshot) point).getValue();
                    }
                }
            }
        }
        throw new AssertionError("no sample " + name + "{" + label + "=\"" + value + "\"}");
    }

    @Test
    @DisplayName("watches closed by the server are re-established: a block the operator delegates afterwards "
            + "reaches the host only through the new watch")
    void droppedWatches() {
        long watchesBefore = api.requests().watches(MockApiServer.CILIUM_NODES_PATH);
        assertThat(api.faults().dropWatches()).isPositive();

        HttpReply first = rest.tryAllocateNext(POD, "ipv4", "blue", "blue-pod");
        assertThat(first.status()).as(first.bodyText()).isEqualTo(502);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() ->
                rest.tryAllocateNext(POD, "ipv4", "blue", "blue-pod").status() == 201);

        assertThat(api.requests().watches(MockApiServer.CILIUM_NODES_PATH)).isGreaterThan(watchesBefore);
        assertThat(operator.blocksOf(NODE).toString()).contains("10.2.0.0/28");
    }

    @Test
    @DisplayName("a watch dropped while the server answers every CiliumNode request with 500: the host lists and "
            + "watches again once the server recovers and sees what changed meanwhile")
    void droppedWatchWhileTheServerFails() {
        long watchesBefore = api.requests().watches(MockApiServer.CILIUM_NODES_PATH);
        api.faults().serverErrors(1.0, call -> call.pathWithoutQuery().startsWith(MockApiServer.CILIUM_NODES_PATH));
        assertThat(api.faults().dropWatches()).isPositive();
        await().atMost(WAIT).until(() -> api.requests().fromHost(call -> call.status() == 500 && call.isWatch()
                || call.status() == 500 && call.method().equals("GET")).size() >= 2);
        api.editCiliumNode(NODE, node -> node.with(List.of("metadata", "labels", "changed-during-500s"), "yes"));

        api.faults().heal();

        await().atMost(WAIT).until(() -> host.host().nodeSource().current().orElseThrow().labels()
                .containsKey("changed-during-500s"));
        assertThat(api.requests().watches(MockApiServer.CILIUM_NODES_PATH)).isGreaterThan(watchesBefore);
        allocateFromHeldCidrs(3);
        awaitDemandOnNode();
    }

    @Test
    @DisplayName("API server unreachable: allocations succeed, healthz shows it disconnected with the error; after "
            + "it is back the demand reaches the node and the operator's changes reach the host")
    void unreachableServer() {
        api.network().refuseConnections();
        api.network().dropConnections();

        allocateFromHeldCidrs(20);
        List<String> released = new ArrayList<>(held.keySet()).subList(0, 5);
        for (String ip : List.copyOf(released)) {
            rest.release(POD, ip, "default");
            held.remove(ip);
        }
        churnUntilWritesFail();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode source = nodeSource();
            assertThat(source.path("state").asString()).isEqualTo("disconnected");
            assertThat(source.path("last-error").asString()).contains("unreachable");
        });
        api.editCiliumNode(NODE, node -> node.with(List.of("metadata", "labels", "changed-during-outage"), "yes"));

        api.network().acceptConnections();
        awaitDemandOnNode();
        await().atMost(WAIT).until(() -> host.host().nodeSource().current().orElseThrow().labels()
                .containsKey("changed-during-outage"));
        await().atMost(WAIT).until(() -> nodeSource().path("state").asString().equals("synced"));
    }
}
