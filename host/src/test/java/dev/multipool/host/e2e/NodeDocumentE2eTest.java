package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The standalone node document ({@code <state>/standalone/ciliumnode.json}) as the host's node
 * writers and the embedded operator share it: demand follows allocations (spec M24–M28), the
 * operator delegates blocks for it and takes back the blocks the host gives up (O1–O4).
 */
class NodeDocumentE2eTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static E2eHost host;

    @BeforeAll
    static void start() {
        host = E2eHost.in(dir).flags("--e2e-pod-pre-allocation", "default=2,small=2").start();
        host.awaitCidr("pod", "small", Family.IPV4);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** The {@code requested} entry of a pool in a section of the node document. */
    private static JsonNode requested(String section, String pool) {
        for (JsonNode entry : host.nodeDocument().path("spec").path("ipam").path(section).path("requested")) {
            if (entry.get("pool").asString().equals(pool)) {
                return entry.get("needed");
            }
        }
        return MissingNode.getInstance();
    }

    /** The {@code allocated} CIDRs of a pool in a section of the node document. */
    private static List<String> allocated(String section, String pool) {
        List<String> cidrs = new ArrayList<>();
        for (JsonNode entry : host.nodeDocument().path("spec").path("ipam").path(section).path("allocated")) {
            if (entry.get("pool").asString().equals(pool)) {
                entry.get("cidrs").forEach(cidr -> cidrs.add(cidr.asString()));
            }
        }
        return cidrs;
    }

    @Test
    @DisplayName("M26: the requested demand in the node document follows the allocations (pre-allocation 2)")
    void demandFollowsAllocations() {
        await().atMost(WAIT).until(() -> requested("pools", "default").path("ipv4-addrs").asLong() == 2);
        assertThat(allocated("pools", "default")).containsExactlyElementsOf(host.cidrs("pod", "default", Family.IPV4));

        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpReply reply = host.post("/v1/ipam?owner=ns/demand-" + i);
            assertThat(reply.status()).isEqualTo(201);
            ips.add(E2eHost.json(reply).get("address").get("ipv4").asString());
        }

        // 3 in use, pre-allocation 2: ceil to (3 / 2 + 2) * 2 = 6
        await().atMost(WAIT).until(() -> requested("pools", "default").path("ipv4-addrs").asLong() == 6);
        assertThat(host.pool("pod", "default", Family.IPV4).get("demand").asLong()).isEqualTo(6);
        for (String ip : ips) {
            assertThat(host.delete("/v1/ipam/" + ip + "?pool=default").status()).isEqualTo(200);
        }
        await().atMost(WAIT).until(() -> requested("pools", "default").path("ipv4-addrs").asLong() == 2);
        JsonNode metadata = host.nodeDocument().get("metadata");
        assertThat(metadata.get("name").asString()).isEqualTo(E2eHost.NODE);
        assertThat(metadata.get("labels").get("kubernetes.io/hostname").asString()).isEqualTo(E2eHost.NODE);
    }

    @Test
    @DisplayName("O1-O4: the embedded operator delegates a second block when demand exceeds the first, takes it back when freed")
    void operatorDelegatesAndTakesBack() {
        // pool "small" is 10.14.0.0/27 carved in /28 blocks of 14 usable addresses: exactly two blocks
        assertThat(allocated("pools", "small")).hasSize(1);
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            HttpReply reply = host.post("/v1/ipam?pool=small&owner=ns/small-" + i);
            assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
            ips.add(E2eHost.json(reply).get("address").get("ipv4").asString());
        }
        await().atMost(WAIT).until(() -> allocated("pools", "small").size() == 2);
        assertThat(allocated("pools", "small")).containsExactlyInAnyOrder("10.14.0.0/28", "10.14.0.16/28");
        await().atMost(WAIT).until(() -> host.cidrs("pod", "small", Family.IPV4).size() == 2);

        for (String ip : ips) {
            assertThat(host.delete("/v1/ipam/" + ip + "?pool=small").status()).isEqualTo(200);
        }
        await().atMost(WAIT).until(() -> allocated("pools", "small").size() == 1);
        await().atMost(WAIT).until(() -> host.cidrs("pod", "small", Family.IPV4).size() == 1);

        // the freed block went back to the operator: with only two blocks in the pool, growing again needs it
        for (int i = 0; i < 13; i++) {
            assertThat(host.post("/v1/ipam?pool=small&owner=ns/small-again-" + i).status()).isEqualTo(201);
        }
        await().atMost(WAIT).until(() -> allocated("pools", "small").size() == 2);
        assertThat(allocated("pools", "small")).containsExactlyInAnyOrder("10.14.0.0/28", "10.14.0.16/28");
    }

    @Test
    @DisplayName("two consumers drawing from the same pool kind are never delegated overlapping CIDRs")
    void sharedPoolKindDoesNotOverlap(@TempDir Path other) throws IOException {
        Path gate = Files.createFile(other.resolve("gate-open"));
        try (E2eHost shared = E2eHost.in(other).plugins(E2ePlugins.POD, E2ePlugins.WAITER)
                .flags("--" + E2ePlugins.WAITER_FILE, gate.toString()).start()) {
            // no pre-allocation for the waiter: its first request publishes demand, then a block arrives
            await().atMost(WAIT).until(() ->
                    shared.post("/v1/consumers/waiter/ipam?pool=default&owner=ns/vm").status() == 201);
            Set<String> podBlocks = new HashSet<>(shared.cidrs("pod", "default", Family.IPV4));
            Set<String> waiterBlocks = new HashSet<>(shared.cidrs("waiter", "default", Family.IPV4));

            assertThat(podBlocks).isNotEmpty();
            assertThat(waiterBlocks).isNotEmpty();
            for (String pod : podBlocks) {
                for (String waiter : waiterBlocks) {
                    assertThat(Cidr.parse(pod).contains(Cidr.parse(waiter).network())).as("%s vs %s", pod, waiter).isFalse();
                }
            }
        }
    }
}
