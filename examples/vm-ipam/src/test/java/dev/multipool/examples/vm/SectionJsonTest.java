package dev.multipool.examples.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SectionJsonTest {

    @Test
    @DisplayName("values round-trip, key order and escapes included")
    void roundTrip() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", List.of(1L, -2L, true, false));
        value.put("a", "quote \" backslash \\ newline \n tab \t control \u0001");
        value.put("n", null);
        value.put("empty", Map.of());
        value.put("list", Arrays.asList(List.of(), "x"));

        String json = SectionJson.write(value);

        assertThat(json).startsWith("{\"z\":[1,-2,true,false],\"a\":");
        assertThat(SectionJson.parse(json)).isEqualTo(value);
        assertThat(SectionJson.parse(" { \"k\" : [ 1 , \"\\u0041\\/\" ] } ")).isEqualTo(Map.of("k", List.of(1L, "A/")));
    }

    @Test
    @DisplayName("malformed text fails with the offset and what was expected")
    void malformed() {
        assertThatThrownBy(() -> SectionJson.parse("{\"a\":1,}")).hasMessageContaining("at offset 7");
        assertThatThrownBy(() -> SectionJson.parse("[1 2]")).hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> SectionJson.parse("\"open")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> SectionJson.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate key \"a\"");
        assertThatThrownBy(() -> SectionJson.parse("1.5")).hasMessageContaining("not a 64-bit integer");
        assertThatThrownBy(() -> SectionJson.parse("{} x")).hasMessageContaining("unexpected text after the value");
        assertThatThrownBy(() -> SectionJson.parse("")).hasMessageContaining("a value is missing");
    }
}
