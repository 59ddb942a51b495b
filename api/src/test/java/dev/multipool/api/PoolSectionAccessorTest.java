package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolSectionAccessorTest {

    private static final PoolSectionAccessor PODS = PoolSectionAccessor.atPath("spec", "ipam", "pools");
    private static final PoolName BLUE = PoolName.of("blue");
    private static final PoolName RED = PoolName.of("red");

    private static ResourceDocument node(Object pools) {
        return ResourceDocument.of(Map.of("metadata", Map.of("name", "node-1"),
                "spec", Map.of("ipam", Map.of("pools", pools, "resourcepools", Map.of("requested", List.of(
                        Map.of("pool", "dra", "needed", Map.of("ipv4-addrs", 1))))))));
    }

    @Test
    @DisplayName("a missing or null section reads as empty")
    void missingSectionIsEmpty() {
        assertThat(PODS.read(ResourceDocument.empty())).isEqualTo(PoolSection.EMPTY);
        assertThat(PODS.read(ResourceDocument.of(Map.of("spec", Map.of("ipam", Map.of()))))).isEqualTo(PoolSection.EMPTY);
        java.util.Map<String, Object> ipam = new java.util.HashMap<>();
        ipam.put("pools", null);
        assertThat(PODS.read(ResourceDocument.of(Map.of("spec", Map.of("ipam", ipam))))).isEqualTo(PoolSection.EMPTY);
        assertThat(PODS.read(node(Map.of()))).isEqualTo(PoolSection.EMPTY);
    }

    @Test
    @DisplayName("read: requests with absent families as 0, allocations with CIDRs of both families normalised")
    void reads() {
        PoolSection section = PODS.read(node(Map.of(
                "requested", List.of(Map.of("pool", "blue", "needed", Map.of("ipv4-addrs", 16)),
                        Map.of("pool", "red", "needed", Map.of("ipv4-addrs", 2, "ipv6-addrs", 3)),
                        Map.of("pool", "green")),
                "allocated", List.of(Map.of("pool", "blue", "cidrs", List.of("10.0.0.7/24", "fd00::/120")),
                        Map.of("pool", "red")))));

        assertThat(section.requested()).containsExactly(new PoolRequest(BLUE, new PoolDemand(16, 0)),
                new PoolRequest(RED, new PoolDemand(2, 3)), new PoolRequest(PoolName.of("green"), PoolDemand.NONE));
        assertThat(section.allocated()).containsExactly(
                new PoolAllocation(BLUE, List.of(Cidr.parse("10.0.0.0/24"), Cidr.parse("fd00::/120"))),
                new PoolAllocation(RED, List.of()));
    }

    @Test
    @DisplayName("M32 write: zero counts and empty lists are omitted; other parts of the node are kept")
    void writeOmitsEmptyParts() {
        PoolSection section = new PoolSection(List.of(new PoolRequest(BLUE, new PoolDemand(0, 4))),
                List.of(new PoolAllocation(RED, List.of(Cidr.parse("10.0.0.0/24"), Cidr.parse("fd00::/64"))),
                        new PoolAllocation(BLUE, List.of())));

        ResourceDocument written = PODS.write(node(Map.of("requested", List.of())), section);

        assertThat(written.get("spec", "ipam", "pools")).contains(Map.of(
                "requested", List.of(Map.of("pool", "blue", "needed", Map.of("ipv6-addrs", 4L))),
                "allocated", List.of(Map.of("pool", "red", "cidrs", List.of("10.0.0.0/24", "fd00::/64")),
                        Map.of("pool", "blue"))));
        assertThat(written.get("spec", "ipam", "resourcepools")).isEqualTo(node(Map.of()).get("spec", "ipam",
                "resourcepools"));
        assertThat(written.name()).isEqualTo("node-1");
        assertThat(PODS.read(written)).isEqualTo(section);
    }

    @Test
    @DisplayName("M32 write: an empty list is left out, and an empty section is removed from the node")
    void emptySectionIsRemoved() {
        PoolSection onlyAllocated = new PoolSection(List.of(),
                List.of(new PoolAllocation(BLUE, List.of(Cidr.parse("10.0.0.0/24")))));
        ResourceDocument withAllocated = PODS.write(node(Map.of("requested", List.of(Map.of("pool", "blue")))),
                onlyAllocated);
        assertThat(withAllocated.getMap("spec", "ipam", "pools").orElseThrow()).containsOnlyKeys("allocated");

        ResourceDocument emptied = PODS.write(withAllocated, PoolSection.EMPTY);

        assertThat(emptied.getMap("spec", "ipam").orElseThrow()).containsOnlyKeys("resourcepools");
        assertThat(PODS.read(emptied)).isEqualTo(PoolSection.EMPTY);
        assertThat(PODS.write(ResourceDocument.empty(), PoolSection.EMPTY)).isEqualTo(ResourceDocument.empty());
    }

    @Test
    @DisplayName("unknown keys in the section are kept, also when the section becomes empty")
    void unknownKeysKept() {
        ResourceDocument node = node(Map.of("future-field", "keep me", "requested", List.of(Map.of("pool", "blue"))));

        ResourceDocument written = PODS.write(node, new PoolSection(List.of(new PoolRequest(RED,
                new PoolDemand(1, 0))), List.of()));
        ResourceDocument emptied = PODS.write(node, PoolSection.EMPTY);

        assertThat(written.get("spec", "ipam", "pools", "future-field")).contains("keep me");
        assertThat(emptied.get("spec", "ipam", "pools")).contains(Map.of("future-field", "keep me"));
    }

    @Test
    @DisplayName("an invalid CIDR is refused, naming the field, the value and the pool")
    void invalidCidr() {
        ResourceDocument node = node(Map.of("allocated", List.of(Map.of("pool", "blue",
                "cidrs", List.of("10.0.0.0/24", "10.0.0.0/33")))));

        assertThatThrownBy(() -> PODS.read(node)).isInstanceOfSatisfying(InvalidPoolSectionException.class,
                e -> assertThat(e.pool()).contains(BLUE))
                .hasMessageContaining("spec.ipam.pools.allocated[0].cidrs[1]")
                .hasMessageContaining("10.0.0.0/33").hasMessageContaining("\"blue\"");
        assertThatThrownBy(() -> PODS.read(node(Map.of("allocated", List.of(Map.of("pool", "red",
                "cidrs", List.of(24)))))))
                .isInstanceOf(InvalidPoolSectionException.class).hasMessageContaining("cidrs[0]")
                .hasMessageContaining("\"red\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "text", "2147483648", "1.5"})
    @DisplayName("an invalid count is refused, naming the field, the value and the pool")
    void invalidCount(String raw) {
        Object count = switch (raw) {
            case "text" -> "3";
            case "1.5" -> 1.5;
            default -> Long.parseLong(raw);
        };
        ResourceDocument node = node(Map.of("requested", List.of(Map.of("pool", "blue"),
                Map.of("pool", "red", "needed", Map.of("ipv6-addrs", count)))));

        assertThatThrownBy(() -> PODS.read(node)).isInstanceOfSatisfying(InvalidPoolSectionException.class,
                e -> assertThat(e.pool()).contains(RED))
                .hasMessageContaining("spec.ipam.pools.requested[1].needed.ipv6-addrs")
                .hasMessageContaining("\"red\"");
    }

    @Test
    @DisplayName("an invalid pool name is refused, naming the field and the name")
    void invalidPool() {
        assertThatThrownBy(() -> PODS.read(node(Map.of("allocated", List.of(Map.of("pool", "Blue_Pool"))))))
                .isInstanceOf(InvalidPoolSectionException.class)
                .hasMessageContaining("spec.ipam.pools.allocated[0].pool").hasMessageContaining("\"Blue_Pool\"");
        assertThatThrownBy(() -> PODS.read(node(Map.of("requested", List.of(Map.of("needed", Map.of()))))))
                .isInstanceOf(InvalidPoolSectionException.class)
                .hasMessageContaining("spec.ipam.pools.requested[0].pool");
    }

    @Test
    @DisplayName("wrong shapes are refused: section, lists and entries of the wrong type")
    void wrongShapes() {
        assertThatThrownBy(() -> PODS.read(node("text"))).isInstanceOf(InvalidPoolSectionException.class)
                .hasMessageContaining("spec.ipam.pools: expected an object");
        assertThatThrownBy(() -> PODS.read(node(Map.of("requested", Map.of()))))
                .isInstanceOf(InvalidPoolSectionException.class).hasMessageContaining("requested: expected a list");
        assertThatThrownBy(() -> PODS.read(node(Map.of("allocated", List.of("blue")))))
                .isInstanceOf(InvalidPoolSectionException.class)
                .hasMessageContaining("allocated[0]: expected an object");
        assertThatThrownBy(() -> PODS.read(node(Map.of("requested", List.of(Map.of("pool", "blue",
                "needed", List.of()))))))
                .isInstanceOf(InvalidPoolSectionException.class).hasMessageContaining("needed: expected an object");
    }

    @Test
    @DisplayName("each accessor only touches its own path")
    void accessorsAreIndependent() {
        PoolSectionAccessor dra = PoolSectionAccessor.atPath("spec", "ipam", "resourcepools");
        ResourceDocument node = node(Map.of("requested", List.of(Map.of("pool", "blue"))));

        ResourceDocument written = dra.write(node, PoolSection.EMPTY);

        assertThat(PODS.read(written)).isEqualTo(PODS.read(node));
        assertThat(dra.read(written)).isEqualTo(PoolSection.EMPTY);
        assertThat(dra.read(node).requested()).containsExactly(new PoolRequest(PoolName.of("dra"),
                new PoolDemand(1, 0)));
        assertThat(dra.describe()).isEqualTo("spec.ipam.resourcepools");
        assertThatThrownBy(PoolSectionAccessor::atPath).isInstanceOf(IllegalArgumentException.class);
    }
}
