package dev.multipool.plugins.pod.range;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.ResourceDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Spec P6 and scenarios S31–S33: primary and secondary alloc CIDRs of the local node. */
class NodeAllocCidrsTest {

    static ResourceDocument node(List<?> podCidrs, List<Map<String, Object>> allocated) {
        return ResourceDocument.of(Map.of(
                "apiVersion", "cilium.io/v2",
                "kind", "CiliumNode",
                "metadata", Map.of("name", "node-a"),
                "spec", Map.of("ipam", Map.of("podCIDRs", podCidrs, "pools", Map.of("allocated", allocated)))));
    }

    static Map<String, Object> entry(String pool, String... cidrs) {
        return Map.of("pool", pool, "cidrs", List.of(cidrs));
    }

    private static final Map<String, Object> DEFAULT = entry("default", "10.0.22.0/24", "fd00:22::/96");
    private static final Map<String, Object> MARS = entry("mars", "10.0.11.0/27", "fd00:11::/123");

    @Test
    @DisplayName("S31: default then mars give primaries from default and secondaries from mars")
    void s31PrimaryAndSecondaries() {
        NodeAllocCidrs cidrs = NodeAllocCidrs.of(node(List.of(), List.of(DEFAULT, MARS)));

        assertThat(cidrs.primary(Family.IPV4)).contains(Cidr.parse("10.0.22.0/24"));
        assertThat(cidrs.secondaries(Family.IPV4)).containsExactly(Cidr.parse("10.0.11.0/27"));
        assertThat(cidrs.primary(Family.IPV6)).contains(Cidr.parse("fd00:22::/96"));
        assertThat(cidrs.secondaries(Family.IPV6)).containsExactly(Cidr.parse("fd00:11::/123"));
    }

    @Test
    @DisplayName("S32: appending jupiter adds its CIDRs to the secondaries of each family")
    void s32AppendedPoolBecomesSecondary() {
        NodeAllocCidrs cidrs = NodeAllocCidrs.of(node(List.of(),
                List.of(DEFAULT, MARS, entry("jupiter", "192.168.0.0/16", "fc00:33::/96"))));

        assertThat(cidrs.primary(Family.IPV4)).contains(Cidr.parse("10.0.22.0/24"));
        assertThat(cidrs.secondaries(Family.IPV4))
                .containsExactly(Cidr.parse("10.0.11.0/27"), Cidr.parse("192.168.0.0/16"));
        assertThat(cidrs.secondaries(Family.IPV6))
                .containsExactly(Cidr.parse("fd00:11::/123"), Cidr.parse("fc00:33::/96"));
    }

    @Test
    @DisplayName("S33: reduced to default only, the secondaries are empty and the primaries unchanged")
    void s33ReducedToDefault() {
        NodeAllocCidrs cidrs = NodeAllocCidrs.of(node(List.of(), List.of(DEFAULT)));

        assertThat(cidrs.primary(Family.IPV4)).contains(Cidr.parse("10.0.22.0/24"));
        assertThat(cidrs.primary(Family.IPV6)).contains(Cidr.parse("fd00:22::/96"));
        assertThat(cidrs.secondaries(Family.IPV4)).isEmpty();
        assertThat(cidrs.secondaries(Family.IPV6)).isEmpty();
    }

    @Test
    @DisplayName("P6: spec.ipam.podCIDRs come before the pools' allocated CIDRs")
    void p6PodCidrsComeFirst() {
        NodeAllocCidrs cidrs = NodeAllocCidrs.of(node(List.of("10.99.0.0/24"), List.of(DEFAULT)));

        assertThat(cidrs.primary(Family.IPV4)).contains(Cidr.parse("10.99.0.0/24"));
        assertThat(cidrs.secondaries(Family.IPV4)).containsExactly(Cidr.parse("10.0.22.0/24"));
        assertThat(cidrs.primary(Family.IPV6)).contains(Cidr.parse("fd00:22::/96"));
    }

    @Test
    @DisplayName("P6: the first VALID CIDR of a family is the primary; invalid entries are skipped")
    void p6InvalidEntriesAreSkipped() {
        NodeAllocCidrs cidrs = NodeAllocCidrs.of(node(List.of("not-a-cidr", 42),
                List.of(entry("broken", "10.0.0.0/33", "10.1.0.0/24"))));

        assertThat(cidrs.primary(Family.IPV4)).contains(Cidr.parse("10.1.0.0/24"));
        assertThat(cidrs.secondaries(Family.IPV4)).isEmpty();
        assertThat(cidrs.primary(Family.IPV6)).isEmpty();
    }

    @Test
    @DisplayName("P6: a node without an ipam section has no alloc CIDR")
    void p6EmptyNode() {
        NodeAllocCidrs cidrs = NodeAllocCidrs.of(ResourceDocument.of(Map.of("metadata", Map.of("name", "node-a"))));

        assertThat(cidrs.primary(Family.IPV4)).isEmpty();
        assertThat(cidrs.secondaries(Family.IPV6)).isEmpty();
    }
}
