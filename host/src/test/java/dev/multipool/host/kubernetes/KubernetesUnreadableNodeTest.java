package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.withAllocated;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.IpAddress;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A CiliumNode whose pool section the host cannot read (here an invalid CIDR, which fabric8's mock
 * accepts although a real API server's {@code format: cidr} would not): the consumer reports it
 * with the CIDR in its warnings and changes nothing. At start that means it waits for a readable
 * version instead of restoring into, and publishing, an empty view that would give back the
 * CIDRs holding its stored addresses.
 */
class KubernetesUnreadableNodeTest extends SharedApiServerFixture {

    private static final List<Map<String, Object>> DEFAULT_ONLY =
            entries(allocation("default", "10.0.22.0/24", "fd00:22::/96"));

    @Test
    @DisplayName("an unreadable node at start: the consumer waits with the error in its warnings, restores and "
            + "writes nothing; once a readable version arrives it restores the stored address and keeps its CIDR")
    void unreadableNodeAtStartIsWaitedOut() {
        String node = "node-unreadable-start";
        api.createCiliumNode(withAllocated(CiliumObjects.node(node), POOLS,
                entries(allocation("default", "10.0.22.0/24", "fd00:22::/96"), allocation("broken", "10.0.99.0/33"))));
        host = KubernetesHost.builder(api, dir.resolve("start")).nodeName(node)
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=16")
                .stored(POD, "default", "10.0.22.5", "pod-a").startWithoutWaiting();
        HostRest rest = host.rest();

        await().atMost(WAIT).until(() -> rest.consumer(POD).path("warnings").toString().contains("10.0.99.0/33"));
        await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
        assertThat(rest.healthzReply().status()).as("the consumer is not ready").isEqualTo(503);
        assertThat(rest.consumer(POD).path("state").asString()).isEqualTo("starting");
        assertThat(host.nodePuts()).as("nothing is published from a view without the node's CIDRs").isEmpty();
        assertThat(storedPools(node).orElseThrow().toString()).contains("10.0.22.0/24", "10.0.99.0/33");

        api.editCiliumNode(node, stored -> withAllocated(stored, POOLS, DEFAULT_ONLY));
        host.awaitReady();
        assertThat(rest.allocations(POD, "ipv4").get("default")).containsExactly(Map.entry("10.0.22.5", "pod-a"));
        assertThat(rest.consumer(POD).path("deferred-restores").size()).isZero();
        await().atMost(WAIT).until(() -> !host.nodePuts().isEmpty());
        assertThat(host.nodePuts()).allSatisfy(put -> assertThat(CiliumObjects.allocatedCidrs(put.bodyDocument(),
                POOLS, "default")).contains("10.0.22.0/24"));
    }

    @Test
    @DisplayName("an unreadable node version after start changes nothing: the CIDRs stay, addresses keep coming from "
            + "them, the warning names the bad CIDR, and the next write replaces the section with the host's view")
    void unreadableNodeVersionChangesNothing() {
        String node = "node-unreadable-later";
        api.createCiliumNode(withAllocated(CiliumObjects.node(node), POOLS, DEFAULT_ONLY));
        host = KubernetesHost.builder(api, dir.resolve("later")).nodeName(node)
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=16").start();
        HostRest rest = host.rest();
        rest.allocate(POD, "10.0.22.5", "default", "pod-a");

        // read alone, the new CIDR would be taken in and 10.0.22.0/24 given up
        api.editCiliumNode(node, stored -> withAllocated(stored, POOLS,
                entries(allocation("default", "10.0.23.0/24", "not-a-cidr"))));
        await().atMost(WAIT).until(() -> rest.consumer(POD).path("warnings").toString().contains("not-a-cidr"));

        assertThat(rest.pool(POD, "default", "ipv4").path("cidrs").toString()).contains("10.0.22.0/24")
                .doesNotContain("10.0.23.0/24");
        String next = rest.allocateNext(POD, "ipv4", "default", "pod-b");
        assertThat(Cidr.parse("10.0.22.0/24").contains(IpAddress.parse(next))).as(next).isTrue();
        assertThat(rest.allocations(POD, "ipv4").get("default")).containsEntry("10.0.22.5", "pod-a")
                .containsEntry(next, "pod-b");
        await().atMost(WAIT).untilAsserted(() -> assertThat(CiliumObjects.allocatedCidrs(
                api.ciliumNode(node).orElseThrow(), POOLS, "default")).containsExactly("10.0.22.0/24", "fd00:22::/96"));
        assertThat(Optional.of(rest.healthzReply().status())).contains(200);
    }
}
