package dev.multipool.examples.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Cidr;
import dev.multipool.api.InvalidPoolSectionException;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolRequest;
import dev.multipool.api.PoolSection;
import dev.multipool.api.ResourceDocument;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AnnotationPoolSectionTest {

    private static final String KEY = "vm-ipam.example.multipool.dev/pools";
    private static final AnnotationPoolSection ACCESSOR = new AnnotationPoolSection(KEY);
    private static final ResourceDocument NODE = ResourceDocument.of(Map.of(
            "metadata", Map.of("name", "n1", "annotations", Map.of("other", "kept")),
            "spec", Map.of("ipam", Map.of("pools", Map.of("requested", List.of(Map.of("pool", "default")))))));

    private static PoolSection section() {
        return new PoolSection(
                List.of(new PoolRequest(new PoolName("vm-default"), new PoolDemand(4, 2))),
                List.of(new PoolAllocation(new PoolName("vm-default"),
                        List.of(Cidr.parse("10.60.0.0/27"), Cidr.parse("fd00:60::/123")))));
    }

    @Test
    @DisplayName("a written section is Cilium's IPAMPoolSpec as JSON in the annotation, and reads back equal")
    void roundTrip() {
        ResourceDocument written = ACCESSOR.write(NODE, section());

        assertThat(written.annotations().get(KEY)).isEqualTo("{\"requested\":[{\"pool\":\"vm-default\",\"needed\":"
                + "{\"ipv4-addrs\":4,\"ipv6-addrs\":2}}],\"allocated\":[{\"pool\":\"vm-default\",\"cidrs\":"
                + "[\"10.60.0.0/27\",\"fd00:60::/123\"]}]}");
        assertThat(ACCESSOR.read(written)).isEqualTo(section());
    }

    @Test
    @DisplayName("writing touches nothing but the annotation: spec.ipam.pools and other annotations are kept")
    void keepsEverythingElse() {
        ResourceDocument written = ACCESSOR.write(NODE, section());

        assertThat(written.get("spec")).isEqualTo(NODE.get("spec"));
        assertThat(written.annotations()).containsEntry("other", "kept").hasSize(2);
        assertThat(written.name()).isEqualTo("n1");
    }

    @Test
    @DisplayName("an empty section removes the annotation; a missing one reads as empty")
    void emptySection() {
        ResourceDocument written = ACCESSOR.write(ACCESSOR.write(NODE, section()), PoolSection.EMPTY);

        assertThat(written.annotations()).doesNotContainKey(KEY);
        assertThat(ACCESSOR.read(NODE)).isEqualTo(PoolSection.EMPTY);
    }

    @Test
    @DisplayName("a damaged annotation is an InvalidPoolSectionException naming the annotation and the problem")
    void damagedAnnotation() {
        ResourceDocument notJson = NODE.with(List.of("metadata", "annotations", KEY), "{\"requested\":[");
        ResourceDocument badCidr = NODE.with(List.of("metadata", "annotations", KEY),
                "{\"allocated\":[{\"pool\":\"vm-default\",\"cidrs\":[\"10.60.0.0/33\"]}]}");

        assertThatThrownBy(() -> ACCESSOR.read(notJson)).isInstanceOf(InvalidPoolSectionException.class)
                .hasMessageContaining("metadata.annotations[" + KEY + "]").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> ACCESSOR.read(badCidr)).isInstanceOf(InvalidPoolSectionException.class)
                .hasMessageContaining(KEY + ".allocated[0].cidrs[0]").hasMessageContaining("vm-default");
    }
}
