package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResourceDocumentTest {

    @Test
    @DisplayName("a document is a deep copy: changing the source maps and lists afterwards changes nothing")
    void deepCopy() {
        List<Object> cidrs = new ArrayList<>(List.of("10.0.0.0/24"));
        Map<String, Object> pool = new HashMap<>(Map.of("pool", "default", "cidrs", cidrs));
        Map<String, Object> spec = new HashMap<>(Map.of("allocated", new ArrayList<>(List.of(pool))));
        Map<String, Object> root = new HashMap<>(Map.of("spec", spec));
        ResourceDocument document = ResourceDocument.of(root);
        ResourceDocument before = ResourceDocument.of(root);

        cidrs.add("10.0.1.0/24");
        pool.put("pool", "other");
        spec.put("extra", true);
        root.put("status", Map.of());

        assertThat(document).isEqualTo(before);
        assertThat(document.get("spec", "allocated")).contains(List.of(Map.of("pool", "default",
                "cidrs", List.of("10.0.0.0/24"))));
    }

    @Test
    @DisplayName("every level of a document is unmodifiable")
    @SuppressWarnings("unchecked")
    void deeplyImmutable() {
        ResourceDocument document = ResourceDocument.of(Map.of("spec", Map.of("list", List.of(Map.of("k", "v")))));

        assertThatThrownBy(() -> document.asMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Object> spec = document.getMap("spec").orElseThrow();
        assertThatThrownBy(() -> spec.remove("list")).isInstanceOf(UnsupportedOperationException.class);
        List<Object> list = document.getList("spec", "list").orElseThrow();
        assertThatThrownBy(() -> list.add("x")).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Object> item = (Map<String, Object>) list.get(0);
        assertThatThrownBy(() -> item.put("k", "w")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> document.labels().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("integral numbers become Long (BigInteger when too large), others Double: same JSON, equal documents")
    void numberNormalisation() {
        ResourceDocument ints = ResourceDocument.of(Map.of("a", 5, "b", (short) 6, "c", (byte) 7,
                "d", BigInteger.valueOf(8), "e", new BigDecimal("9"), "f", 1.5f, "g", new BigDecimal("2.5")));
        ResourceDocument longs = ResourceDocument.of(Map.of("a", 5L, "b", 6L, "c", 7L, "d", 8L, "e", 9L,
                "f", 1.5d, "g", 2.5d));

        assertThat(ints).isEqualTo(longs);
        assertThat(ints.hashCode()).isEqualTo(longs.hashCode());
        assertThat(ints.get("a")).containsInstanceOf(Long.class);
        assertThat(ints.get("f")).containsInstanceOf(Double.class);
        assertThat(ResourceDocument.of(Map.of("n", new BigDecimal("4.000"))).get("n")).contains(4L);
    }

    @Test
    @DisplayName("integers beyond a long stay exact as BigInteger, whatever type they came as")
    void largeIntegers() {
        BigInteger huge = new BigInteger("123456789012345678901234567890");

        assertThat(ResourceDocument.of(Map.of("n", huge)).get("n")).contains(huge);
        assertThat(ResourceDocument.of(Map.of("n", new BigDecimal(huge))).get("n")).contains(huge);
        assertThat(ResourceDocument.of(Map.of("n", new BigDecimal("1.2345678901234567890123456789E+29"))))
                .isEqualTo(ResourceDocument.of(Map.of("n", huge)));
        assertThat(ResourceDocument.of(Map.of("n", BigInteger.valueOf(Long.MIN_VALUE))).get("n"))
                .contains(Long.MIN_VALUE);
        assertThat(ResourceDocument.of(Map.of("n", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)))
                .get("n")).containsInstanceOf(BigInteger.class);
        assertThat(ResourceDocument.of(Map.of("n", new BigDecimal("1E+100000"))).get("n"))
                .as("an absurd exponent is not expanded into a huge integer").contains(Double.POSITIVE_INFINITY);
    }

    @Test
    @DisplayName("unsupported values and non-string keys are rejected, naming where they are")
    void rejectsUnsupported() {
        assertThatThrownBy(() -> ResourceDocument.of(Map.of("spec", Map.of("x", new Object()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.spec.x");
        assertThatThrownBy(() -> ResourceDocument.of(Map.of("spec", Map.of(1, "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-string key 1");
        assertThatThrownBy(() -> ResourceDocument.of(Map.of("l", List.of("a", new int[0]))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.l[1]");
    }

    @Test
    @DisplayName("nulls are kept as values; get treats them as absent")
    void nulls() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("a", null);
        content.put("l", Arrays.asList("x", null));
        ResourceDocument document = ResourceDocument.of(content);

        assertThat(document.asMap()).containsKey("a");
        assertThat(document.get("a")).isEmpty();
        assertThat(document.getList("l").orElseThrow()).containsExactly("x", null);
    }

    @Test
    @DisplayName("with replaces a value, creates missing maps and keeps key order and the original document")
    void with() {
        ResourceDocument document = ResourceDocument.of(Map.of("metadata", Map.of("name", "node-1")));

        ResourceDocument changed = document.with(List.of("spec", "ipam", "pools"), Map.of("requested", List.of()));

        assertThat(changed.get("spec", "ipam", "pools")).contains(Map.of("requested", List.of()));
        assertThat(changed.name()).isEqualTo("node-1");
        assertThat(document.get("spec")).isEmpty();
        assertThat(changed.asMap().keySet()).containsExactly("metadata", "spec");
        assertThat(changed.with(List.of("metadata", "name", "deeper"), 1).get("metadata", "name", "deeper"))
                .as("a non-map on the way is replaced by a map").contains(1L);
        assertThat(document.with(List.of("x"), null).asMap()).containsEntry("x", null);
        assertThatThrownBy(() -> document.with(List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("without removes a key; absent keys and paths through non-maps change nothing")
    void without() {
        ResourceDocument document = ResourceDocument.of(Map.of("spec", Map.of("a", 1, "b", 2), "kind", "x"));

        assertThat(document.without(List.of("spec", "a")).get("spec")).contains(Map.of("b", 2L));
        assertThat(document.without(List.of("spec", "zzz"))).isSameAs(document);
        assertThat(document.without(List.of("kind", "deeper"))).isSameAs(document);
        assertThat(document.without(List.of("nothing", "here"))).isSameAs(document);
        assertThat(document.without(List.of("spec")).asMap()).containsOnlyKeys("kind");
        assertThatThrownBy(() -> document.without(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("typed getters return empty for missing keys and other types; labels keep string values only")
    void getters() {
        ResourceDocument document = ResourceDocument.of(Map.of("metadata", Map.of("name", "n",
                "resourceVersion", "42", "labels", Map.of("a", "1", "b", 2), "annotations", Map.of("x", "y"))));

        assertThat(document.name()).isEqualTo("n");
        assertThat(document.resourceVersion()).contains("42");
        assertThat(document.labels()).containsExactly(Map.entry("a", "1"));
        assertThat(document.annotations()).containsExactly(Map.entry("x", "y"));
        assertThat(document.getString("metadata")).isEmpty();
        assertThat(document.getMap("metadata", "name")).isEmpty();
        assertThat(document.getList("metadata")).isEmpty();
        assertThat(document.get("metadata", "name", "deeper")).isEmpty();
        assertThat(ResourceDocument.empty().name()).isEmpty();
        assertThat(ResourceDocument.empty().resourceVersion()).isEmpty();
    }
}
