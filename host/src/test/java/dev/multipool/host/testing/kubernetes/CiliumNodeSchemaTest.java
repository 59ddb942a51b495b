package dev.multipool.host.testing.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.ResourceDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CiliumNodeSchemaTest {

    private static Map<String, Object> section(Object requested, Object allocated) {
        return Map.of("requested", requested, "allocated", allocated);
    }

    private static Map<String, Object> goodSection() {
        return section(
                List.of(Map.of("pool", "blue", "needed", Map.of("ipv4-addrs", 16, "ipv6-addrs", 16)),
                        Map.of("pool", "default", "needed", Map.of("ipv4-addrs", 24))),
                List.of(Map.of("pool", "blue", "cidrs", List.of("172.16.0.64/26", "fd10:20::40/122")),
                        Map.of("pool", "default", "cidrs", List.of("10.10.3.0/24"))));
    }

    @Test
    @DisplayName("a well-formed pools and resourcepools section passes, next to other spec.ipam fields")
    void goodBodyPasses() {
        Map<String, Object> ipam = Map.of("pools", goodSection(), "resourcepools", goodSection(),
                "podCIDRs", List.of("10.0.0.0/24"), "pre-allocate", 8);
        assertThat(CiliumNodeSchema.problemsOfSpecIpam(ipam)).isEmpty();
        CiliumNodeSchema.assertValidSpecIpam(ipam);
    }

    @Test
    @DisplayName("an empty pool name fails (minLength 1)")
    void emptyPoolNameFails() {
        Map<String, Object> ipam = Map.of("pools", section(List.of(Map.of("pool", "")), List.of()));
        assertThat(CiliumNodeSchema.problemsOfSpecIpam(ipam)).singleElement().asString()
                .contains("spec.ipam.pools.requested[0].pool");
    }

    @Test
    @DisplayName("a CIDR that is not a CIDR fails (format cidr), in resourcepools too")
    void badCidrFails() {
        Map<String, Object> ipam = Map.of("resourcepools",
                section(List.of(), List.of(Map.of("pool", "sriov", "cidrs", List.of("x", "10.0.0.0/33", "010.0.0.0/8")))));
        assertThat(CiliumNodeSchema.problemsOfSpecIpam(ipam)).hasSize(3)
                .allSatisfy(problem -> assertThat(problem).contains("spec.ipam.resourcepools.allocated[0].cidrs[")
                        .contains("cidr"));
    }

    @Test
    @DisplayName("a count written as a string fails (type integer)")
    void stringCountFails() {
        Map<String, Object> ipam = Map.of("pools",
                section(List.of(Map.of("pool", "default", "needed", Map.of("ipv4-addrs", "8"))), List.of()));
        assertThat(CiliumNodeSchema.problemsOfSpecIpam(ipam)).singleElement().asString()
                .contains("spec.ipam.pools.requested[0].needed.ipv4-addrs").contains("integer");
    }

    @Test
    @DisplayName("an entry without pool, and a field a real server would prune, both fail")
    void missingPoolAndUnknownFieldFail() {
        Map<String, Object> ipam = Map.of("pools",
                Map.of("requested", List.of(Map.of("needed", Map.of())), "extra", true));
        assertThat(CiliumNodeSchema.problemsOfSpecIpam(ipam)).hasSize(2);
    }

    @Test
    @DisplayName("whole nodes: JSON bodies and documents are checked at spec.ipam; a node without it is valid")
    void wholeNodes() {
        assertThat(CiliumNodeSchema.problemsOfNodeJson(
                "{\"metadata\":{\"name\":\"n\"},\"spec\":{\"ipam\":{\"pools\":{\"allocated\":[{\"pool\":\"a\",\"cidrs\":[\"10.0.0.0/24\"]}]}}}}"))
                .isEmpty();
        assertThat(CiliumNodeSchema.problemsOfNodeJson("{\"metadata\":{\"name\":\"n\"},\"spec\":{}}")).isEmpty();
        ResourceDocument bad = ResourceDocument.of(Map.of("metadata", Map.of("name", "worker-1"),
                "spec", Map.of("ipam", Map.of("pools", section(List.of(Map.of("pool", "")), List.of())))));
        assertThatThrownBy(() -> CiliumNodeSchema.assertValid(bad)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("worker-1").hasMessageContaining("spec.ipam.pools.requested[0].pool");
    }
}
