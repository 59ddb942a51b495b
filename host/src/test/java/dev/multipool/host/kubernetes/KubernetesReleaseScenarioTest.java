package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocatedCidrs;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.section;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.sectionOf;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.withAllocated;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.ResourceDocument;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spec scenarios S25–S27 (release of unused CIDRs) through the real host against the mock API
 * server, one node and one host per scenario on a shared server.
 *
 * <p>Upstream allocates the in-use addresses before calling {@code restoreFinished}; in the host
 * that is exactly the restore of stored allocations at start (spec M41), so the addresses are put
 * into the host's journal before it starts (as a previous run leaves them), and restore finishes
 * before the first write. Each test therefore also checks that the very first write the host sends
 * already has the final shape: no earlier write gave back a CIDR that holds a stored address.
 */
class KubernetesReleaseScenarioTest extends SharedApiServerFixture {

    private static void createNode(String name, List<Map<String, Object>> allocated) {
        api.createCiliumNode(withAllocated(CiliumObjects.node(name), POOLS, allocated));
    }

    @Test
    @DisplayName("S25: no pre-allocation, 10.0.10.0 and fd00:10:: in use: each unused single-address CIDR is released")
    void s25ReleaseUnusedCidrs() {
        createNode("node-s25", entries(allocation("default", "10.0.10.0/32", "10.0.11.0/32", "fd00:10::/128",
                "fd00:11::/128")));
        host = KubernetesHost.builder(api, dir.resolve("s25")).nodeName("node-s25").args("--consumers", POD)
                .stored(POD, "default", "10.0.10.0", "pod-a").stored(POD, "default", "fd00:10::", "pod-a").start();

        Map<String, Object> expected = section(entries(request("default", 1, 1)),
                entries(allocation("default", "10.0.10.0/32", "fd00:10::/128")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedPools("node-s25")).contains(expected));
        assertThat(sectionOf(host.nodePuts().get(0).bodyDocument(), POOLS)).contains(expected);
        assertThat(host.rest().allocations(POD, "ipv4")).containsEntry("default", Map.of("10.0.10.0", "pod-a"));
        assertThat(host.rest().allocations(POD, "ipv6")).containsEntry("default", Map.of("fd00:10::", "pod-a"));
    }

    @Test
    @DisplayName("S26: pre-allocation default=1, 10 single-address CIDRs per family, 5 in use: 6 per family remain, "
            + "all in-use ones among them")
    void s26ReleaseUnusedCidrsWithPreAllocation() {
        List<String> cidrs = new ArrayList<>();
        List<String> inUse = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cidrs.add("10.0.100." + i + "/32");
        }
        for (int i = 0; i < 10; i++) {
            cidrs.add("fd00:100::" + (i == 0 ? "" : Integer.toString(i)) + "/128");
        }
        createNode("node-s26", entries(allocation("default", cidrs.toArray(String[]::new))));
        KubernetesHost.Builder builder = KubernetesHost.builder(api, dir.resolve("s26")).nodeName("node-s26")
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=1");
        for (int i = 0; i < 5; i++) {
            builder.stored(POD, "default", "10.0.100." + i, "pod-" + i);
            builder.stored(POD, "default", i == 0 ? "fd00:100::" : "fd00:100::" + i, "pod-" + i);
            inUse.add(cidrs.get(i));
            inUse.add(cidrs.get(10 + i));
        }
        host = builder.start();

        await().atMost(WAIT).untilAsserted(() -> {
            List<String> kept = allocatedCidrs(api.ciliumNode("node-s26").orElseThrow(), POOLS, "default");
            assertThat(kept).hasSize(12).containsAll(inUse);
            assertThat(kept.subList(0, 6)).allSatisfy(cidr -> assertThat(cidr).startsWith("10.0.100."));
            assertThat(kept.subList(6, 12)).allSatisfy(cidr -> assertThat(cidr).startsWith("fd00:100::"));
        });
        ResourceDocument first = host.nodePuts().get(0).bodyDocument();
        assertThat(allocatedCidrs(first, POOLS, "default")).hasSize(12).containsAll(inUse);
        assertThat(storedPools("node-s26")).get().extracting(pools -> ((Map<?, ?>) pools).get("requested"))
                .isEqualTo(entries(request("default", 6, 6)));
    }

    @Test
    @DisplayName("M11: an IPv4-only host ignores the IPv6 CIDRs listed for it and leaves them out of its write")
    void ipv4OnlyHostGivesBackIpv6Cidrs() {
        createNode("node-v4", entries(allocation("default", "10.0.60.0/24", "fd00:60::/96")));
        host = KubernetesHost.builder(api, dir.resolve("v4")).nodeName("node-v4").ipv4Only()
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=16").start();

        Map<String, Object> expected = section(entries(request("default", 16, 0)),
                entries(allocation("default", "10.0.60.0/24")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedPools("node-v4")).contains(expected));
        assertThat(host.rest().consumer(POD).path("pools").get(0).has("ipv6")).isFalse();
    }

    @Test
    @DisplayName("S27: no pre-allocation, both stored addresses released: the dumps are empty and allocated is absent")
    void s27ReleaseAllCidrs() {
        createNode("node-s27", entries(allocation("default", "10.0.50.0/24", "fd00:50::/96")));
        host = KubernetesHost.builder(api, dir.resolve("s27")).nodeName("node-s27").args("--consumers", POD)
                .stored(POD, "default", "10.0.50.10", "pod-a").stored(POD, "default", "fd00:50::10", "pod-b").start();
        Map<String, Object> whileInUse = section(entries(request("default", 1, 1)),
                entries(allocation("default", "10.0.50.0/24", "fd00:50::/96")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedPools("node-s27")).contains(whileInUse));

        host.rest().release(POD, "10.0.50.10", "default");
        host.rest().release(POD, "fd00:50::10", "default");

        await().atMost(WAIT).untilAsserted(() -> {
            ResourceDocument node = api.ciliumNode("node-s27").orElseThrow();
            assertThat(node.get("spec", "ipam", "pools", "allocated")).isEmpty();
            assertThat(sectionOf(node, POOLS)).isEmpty();
        });
        assertThat(host.rest().consumer(POD).path("pools").size()).isZero();
    }
}
