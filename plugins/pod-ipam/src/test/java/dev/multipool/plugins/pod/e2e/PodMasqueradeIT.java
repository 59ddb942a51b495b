package dev.multipool.plugins.pod.e2e;

import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.plugins.pod.e2e.PodRest.error;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.plugins.pod.support.Pools;
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
 * The pod masquerade policy (spec P4, S34–S39) through two real hosts on one mock API server: one
 * with {@code --only-masquerade-default-pool}, one without. Every {@code POST /v1/ipam} reply
 * carries {@code skip-masquerade} in each family part; a pool missing from the CiliumPodIPPool
 * table fails the allocation with Cilium's text and counts as pending demand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodMasqueradeIT {

    private static final String SKIP = "ipam.cilium.io/skip-masquerade";
    private static final String FLAG_NODE = "node-flag";
    private static final String PLAIN_NODE = "node-plain";

    @TempDir
    static Path dir;
    PodCluster cluster;
    PodRest flag;
    PodRest plain;

    @BeforeAll
    void start() {
        cluster = PodCluster.start(dir);
        cluster.pool(pool("default").ipv4("10.10.0.0/16", 26).ipv6("fd10::/104", 120));
        cluster.pool(pool("annotated-default").ipv4("10.11.0.0/16", 26).ipv6("fd11::/104", 120).annotation(SKIP, "true"));
        cluster.pool(pool("blue").ipv4("10.12.0.0/16", 26).ipv6("fd12::/104", 120));
        cluster.pool(pool("red").ipv4("10.13.0.0/16", 26).ipv6("fd13::/104", 120).annotation(SKIP, "true"));
        cluster.pool(pool("green").ipv4("10.14.0.0/16", 26).ipv6("fd14::/104", 120));
        cluster.pool(yellow());
        cluster.pool(pool("orange").ipv4("10.16.0.0/16", 26));
        flag = new PodRest(cluster.host(FLAG_NODE, "--only-masquerade-default-pool",
                "--ipam-multi-pool-pre-allocation", "default=2"));
        plain = new PodRest(cluster.host(PLAIN_NODE, "--ipam-default-ip-pool", "annotated-default",
                "--ipam-multi-pool-pre-allocation", "annotated-default=2"));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Pools yellow() {
        return pool("yellow").ipv4("10.15.0.0/16", 26).ipv6("fd15::/104", 120);
    }

    /** Allocates both families (from the pool, or the selected one when null), releases them, returns skip per family. */
    private static Map<String, Boolean> skipMasquerade(PodRest rest, String pool, String owner) {
        JsonNode reply = rest.nextServed(owner, null, pool);
        for (String family : List.of("ipv4", "ipv6")) {
            assertThat(reply.path(family).path("skip-masquerade").isBoolean())
                    .as("skip-masquerade is always present: %s", reply).isTrue();
            rest.release(reply.path(family).path("ip").asString(), reply.at("/address/" + family + "-pool-name")
                    .asString());
        }
        return Map.of("ipv4", reply.at("/ipv4/skip-masquerade").asBoolean(),
                "ipv6", reply.at("/ipv6/skip-masquerade").asBoolean());
    }

    @Test
    @DisplayName("S34: with --only-masquerade-default-pool, pool blue skips masquerading")
    void flagOnOtherPool() {
        assertThat(skipMasquerade(flag, "blue", "default/s34")).containsEntry("ipv4", true).containsEntry("ipv6", true);
    }

    @Test
    @DisplayName("S35: with --only-masquerade-default-pool, the default pool (chosen for a non-pod owner) masquerades")
    void flagOnDefaultPool() {
        assertThat(skipMasquerade(flag, null, "router")).containsEntry("ipv4", false).containsEntry("ipv6", false);
        assertThat(skipMasquerade(flag, "default", "default/s35")).containsEntry("ipv4", false)
                .containsEntry("ipv6", false);
    }

    @Test
    @DisplayName("S36: without the flag, pool red annotated skip-masquerade: \"true\" skips masquerading")
    void annotatedPool() {
        assertThat(skipMasquerade(plain, "red", "default/s36")).containsEntry("ipv4", true).containsEntry("ipv6", true);
    }

    @Test
    @DisplayName("S37: without the flag, an annotated default pool (--ipam-default-ip-pool) skips masquerading too")
    void annotatedDefaultPool() {
        assertThat(skipMasquerade(plain, null, "router")).containsEntry("ipv4", true).containsEntry("ipv6", true);
    }

    @Test
    @DisplayName("S38: without the flag, pool green (not annotated) masquerades; the flag host's green skips")
    void plainPool() {
        assertThat(skipMasquerade(plain, "green", "default/s38")).containsEntry("ipv4", false)
                .containsEntry("ipv6", false);
        assertThat(skipMasquerade(flag, "green", "default/s38")).containsEntry("ipv4", true).containsEntry("ipv6", true);
    }

    @Test
    @DisplayName("P4: the annotation is read from the live pool table: annotating yellow changes the next allocation")
    void annotationChangeIsSeen() {
        assertThat(skipMasquerade(plain, "yellow", "default/yellow")).containsEntry("ipv4", false);

        cluster.replacePool(yellow().annotation(SKIP, "true"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(skipMasquerade(plain, "yellow", "default/yellow"))
                .containsEntry("ipv4", true).containsEntry("ipv6", true));
    }

    @Test
    @DisplayName("S39: pool orange has CIDRs but left the pool table: 502 \"IP pool 'orange' not found in stateDB "
            + "table\", pending and demand grow by 1, the CiliumNode requests it; the flag host skips without a lookup")
    void poolMissingFromTable() {
        String keptPlain = plain.nextServed("default/orange-keeper", "ipv4", "orange").at("/ipv4/ip").asString();
        flag.nextServed("default/orange-keeper", "ipv4", "orange");
        JsonNode before = plain.pool("orange", "ipv4");
        assertThat(before.path("in-use").asLong()).isEqualTo(1);
        assertThat(before.path("pending").asLong()).isZero();
        long demandBefore = before.path("demand").asLong();

        cluster.deletePool("orange");

        HttpReply[] failed = new HttpReply[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            failed[0] = plain.next("default/orange-late", "ipv4", "orange");
            if (failed[0].status() == 201) {
                plain.release(HostRest.json(failed[0]).at("/ipv4/ip").asString(), "orange");
            }
            return failed[0].status() != 201;
        });
        assertThat(failed[0].status()).isEqualTo(502);
        assertThat(error(failed[0])).isEqualTo("IP pool 'orange' not found in stateDB table");
        JsonNode after = plain.pool("orange", "ipv4");
        assertThat(after.path("pending").asLong()).isEqualTo(1);
        assertThat(after.path("demand").asLong()).isEqualTo(demandBefore + 1);
        assertThat(after.path("allocations").properties()).singleElement()
                .satisfies(entry -> assertThat(entry.getKey()).isEqualTo(keptPlain));
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.api().ciliumNode(PLAIN_NODE).orElseThrow()
                .getList("spec", "ipam", "pools", "requested").orElseThrow())
                .contains(CiliumObjects.request("orange", demandBefore + 1, 0)));

        JsonNode skipped = flag.nextServed("default/orange-late", "ipv4", "orange");
        assertThat(skipped.at("/ipv4/skip-masquerade").asBoolean()).isTrue();
    }
}
