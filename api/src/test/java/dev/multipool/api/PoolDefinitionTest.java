package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PoolDefinitionTest {

    private static ResourceDocument pool(String name, Map<String, Object> spec) {
        return ResourceDocument.of(Map.of("apiVersion", "cilium.io/v2alpha1", "kind", "CiliumPodIPPool",
                "metadata", Map.of("name", name, "annotations", Map.of(PoolDefinition.SKIP_MASQUERADE_ANNOTATION,
                        "true")), "spec", spec));
    }

    private static PoolDefinition parse(Map<String, Object> spec) {
        return PoolDefinition.parse(PoolKind.CILIUM_POD_IP_POOL, pool("blue", spec));
    }

    @Test
    @DisplayName("v2alpha1: CIDRs as strings, both families, flags default to false")
    void v2alpha1StringCidrs() {
        PoolDefinition definition = parse(Map.of(
                "ipv4", Map.of("cidrs", List.of("10.10.0.0/16", "10.20.0.0/16"), "maskSize", 24),
                "ipv6", Map.of("cidrs", List.of("fd00:10::/96"), "maskSize", 112)));

        assertThat(definition.name()).isEqualTo(PoolName.of("blue"));
        assertThat(definition.kind()).isEqualTo(PoolKind.CILIUM_POD_IP_POOL);
        assertThat(definition.ipv4()).contains(new FamilyPool(List.of(Cidr.parse("10.10.0.0/16"),
                Cidr.parse("10.20.0.0/16")), 24));
        assertThat(definition.family(Family.IPV6)).contains(new FamilyPool(List.of(Cidr.parse("fd00:10::/96")), 112));
        assertThat(definition.allowFirstIp()).isFalse();
        assertThat(definition.allowLastIp()).isFalse();
        assertThat(definition.skipMasqueradeAnnotated()).isTrue();
    }

    @Test
    @DisplayName("v2: CIDRs as objects {cidr: ...}; one family only; flags read")
    void v2ObjectCidrs() {
        PoolDefinition definition = parse(Map.of(
                "ipv4", Map.of("cidrs", List.of(Map.of("cidr", "10.30.0.0/16"), Map.of("cidr", "10.40.0.0/16",
                        "reservedRange", "10.40.0.0-10.40.0.9")), "maskSize", 26),
                "allowFirstIP", true, "allowLastIP", true));

        assertThat(definition.ipv4()).contains(new FamilyPool(List.of(Cidr.parse("10.30.0.0/16"),
                Cidr.parse("10.40.0.0/16")), 26));
        assertThat(definition.ipv6()).isEmpty();
        assertThat(definition.allowFirstIp()).isTrue();
        assertThat(definition.allowLastIp()).isTrue();
    }

    @Test
    @DisplayName("a family that is null (CiliumResourceIPPool writes ipv4/ipv6 without omitempty) is absent")
    void nullFamilyIsAbsent() {
        Map<String, Object> spec = new HashMap<>();
        spec.put("ipv4", null);
        spec.put("ipv6", Map.of("cidrs", List.of("fd00::/64"), "maskSize", 80));

        PoolDefinition definition = PoolDefinition.parse(PoolKind.CILIUM_RESOURCE_IP_POOL, pool("dra", spec));

        assertThat(definition.ipv4()).isEmpty();
        assertThat(definition.ipv6()).isPresent();
        assertThat(definition.selector("nodeSelector")).isEmpty();
    }

    @Test
    @DisplayName("invalid objects are refused, naming the pool and the field")
    void invalidObjects() {
        assertInvalid(Map.of("ipv4", "10.0.0.0/8"), "spec.ipv4 must be an object");
        assertInvalid(Map.of("ipv4", Map.of("maskSize", 24)), "spec.ipv4.cidrs must be a non-empty list");
        assertInvalid(Map.of("ipv4", Map.of("cidrs", List.of(), "maskSize", 24)), "non-empty list");
        assertInvalid(Map.of("ipv4", Map.of("cidrs", List.of("10.0.0.0/33"), "maskSize", 24)),
                "invalid CIDR \"10.0.0.0/33\"");
        assertInvalid(Map.of("ipv4", Map.of("cidrs", List.of(Map.of("reservedRange", "x")), "maskSize", 24)),
                "not a CIDR");
        assertInvalid(Map.of("ipv4", Map.of("cidrs", List.of("fd00::/64"), "maskSize", 24)), "is not ipv4");
        assertInvalid(Map.of("ipv6", Map.of("cidrs", List.of("10.0.0.0/8"), "maskSize", 24)), "is not ipv6");
        assertInvalid(Map.of("ipv4", Map.of("cidrs", List.of("10.0.0.0/8"))), "maskSize must be an integer");
        assertInvalid(Map.of("ipv4", Map.of("cidrs", List.of("10.0.0.0/8"), "maskSize", "24")),
                "maskSize must be an integer");
        assertInvalid(Map.of("ipv4", Map.of("cidrs", List.of("10.0.0.0/8"), "maskSize", 33)), "maskSize 33");
        assertInvalid(Map.of("ipv4", Map.of("cidrs", List.of("10.0.0.0/16"), "maskSize", 8)), "shorter than");
        assertInvalid(Map.of("allowFirstIP", "yes"), "spec.allowFirstIP must be a boolean");
    }

    @Test
    @DisplayName("a mask size beyond 32 bits is refused, not wrapped into a valid-looking one")
    void hugeMaskSizeRefused() {
        assertInvalid(Map.of("ipv4", Map.of("cidrs", List.of("10.0.0.0/8"), "maskSize", (1L << 32) + 24)),
                "maskSize");
    }

    @Test
    @DisplayName("an invalid metadata.name is refused, naming the kind")
    void invalidName() {
        assertThatThrownBy(() -> PoolDefinition.parse(PoolKind.CILIUM_POD_IP_POOL, pool("Blue", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CiliumPodIPPool")
                .hasMessageContaining("\"Blue\"");
    }

    @Test
    @DisplayName("selectors are read from spec; an invalid one names the pool")
    void selectors() {
        PoolDefinition definition = parse(Map.of("podSelector", Map.of("matchLabels", Map.of("tier", "gold")),
                "namespaceSelector", Map.of("matchExpressions", "oops")));

        assertThat(definition.selector("podSelector")).hasValueSatisfying(selector ->
                assertThat(selector.matches(Map.of("tier", "gold"))).isTrue());
        assertThatThrownBy(() -> definition.selector("namespaceSelector"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool \"blue\"")
                .hasMessageContaining("spec.namespaceSelector");
    }

    @Test
    @DisplayName("the constructor refuses a family part of the wrong family")
    void constructorChecksFamilies() {
        FamilyPool v6 = new FamilyPool(List.of(Cidr.parse("fd00::/64")), 80);
        assertThatThrownBy(() -> new PoolDefinition(PoolKind.CILIUM_POD_IP_POOL, PoolName.of("x"),
                java.util.Optional.of(v6), java.util.Optional.empty(), false, false, ResourceDocument.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool \"x\"");
    }

    private static void assertInvalid(Map<String, Object> spec, String message) {
        assertThatThrownBy(() -> parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool \"blue\"").hasMessageContaining(message);
    }
}
