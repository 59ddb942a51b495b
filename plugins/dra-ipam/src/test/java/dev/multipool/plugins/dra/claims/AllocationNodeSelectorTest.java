package dev.multipool.plugins.dra.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AllocationNodeSelectorTest {

    private static final Map<String, String> LABELS = Map.of("zone", "a", "cores", "64");

    private static NodeSelectorRequirement requirement(String key, String operator, String... values) {
        return new NodeSelectorRequirement(key, operator, List.of(values));
    }

    private static NodeSelectorTerm term(List<NodeSelectorRequirement> expressions, List<NodeSelectorRequirement> fields) {
        return new NodeSelectorTermBuilder().withMatchExpressions(expressions).withMatchFields(fields).build();
    }

    private static boolean selects(NodeSelectorTerm... terms) {
        NodeSelector selector = new NodeSelectorBuilder().withNodeSelectorTerms(terms).build();
        return AllocationNodeSelector.selects(selector, "worker-1", LABELS);
    }

    @Test
    @DisplayName("matchFields metadata.name In/NotIn, as the scheduler writes for node-local devices")
    void byName() {
        assertThat(selects(term(List.of(), List.of(requirement("metadata.name", "In", "worker-1"))))).isTrue();
        assertThat(selects(term(List.of(), List.of(requirement("metadata.name", "In", "worker-2"))))).isFalse();
        assertThat(selects(term(List.of(), List.of(requirement("metadata.name", "NotIn", "worker-2"))))).isTrue();
        assertThat(selects(term(List.of(), List.of(requirement("metadata.uid", "In", "worker-1"))))).isFalse();
    }

    @Test
    @DisplayName("label expressions are ANDed within a term, terms are ORed")
    void expressionsAndTerms() {
        NodeSelectorTerm zoneB = term(List.of(requirement("zone", "In", "b")), List.of());
        NodeSelectorTerm bigZoneA = term(List.of(requirement("zone", "In", "a"), requirement("cores", "Gt", "32")), List.of());
        NodeSelectorTerm smallZoneA = term(List.of(requirement("zone", "In", "a"), requirement("cores", "Lt", "32")), List.of());

        assertThat(selects(zoneB)).isFalse();
        assertThat(selects(zoneB, bigZoneA)).isTrue();
        assertThat(selects(smallZoneA)).isFalse();
        assertThat(selects(term(List.of(requirement("gpu", "DoesNotExist")), List.of()))).isTrue();
        assertThat(selects(term(List.of(requirement("zone", "Exists")), List.of()))).isTrue();
        assertThat(selects(term(List.of(requirement("zone", "Near", "a")), List.of()))).isFalse();
    }

    @Test
    @DisplayName("no selector, no terms or an empty term select nothing")
    void emptySelectsNothing() {
        assertThat(AllocationNodeSelector.selects(null, "worker-1", LABELS)).isFalse();
        assertThat(selects()).isFalse();
        assertThat(selects(term(List.of(), List.of()))).isFalse();
    }
}
