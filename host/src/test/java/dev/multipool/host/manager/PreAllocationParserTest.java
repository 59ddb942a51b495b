package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreAllocationParserTest {

    @Test
    @DisplayName("S45: {default:16, other:8} parses to counts")
    void s45Valid() {
        // Map.of iterates in a per-JVM random order; the parser keeps the order it is given
        Map<String, String> given = new java.util.LinkedHashMap<>();
        given.put("default", "16");
        given.put("other", "8");
        assertThat(PreAllocationParser.parse(given))
                .containsExactly(Map.entry(pool("default"), 16), Map.entry(pool("other"), 8));
    }

    @ParameterizedTest(name = "S45/M29: value \"{1}\" for pool {0} fails with: {2}")
    @CsvSource(delimiter = '|', value = {
        "default | abc | invalid value for pool \"default\": \"abc\" is not a base-10 integer",
        "x | 2147483648 | invalid value for pool \"x\": \"2147483648\" is out of the 32-bit integer range",
        "x | -99999999999 | invalid value for pool \"x\": \"-99999999999\" is out of the 32-bit integer range",
        "x | 1.5 | invalid value for pool \"x\": \"1.5\" is not a base-10 integer",
        "x | 0x10 | invalid value for pool \"x\": \"0x10\" is not a base-10 integer",
        "x | -1 | invalid value for pool \"x\": must not be negative, got -1"})
    void s45Invalid(String key, String value, String message) {
        assertThatThrownBy(() -> PreAllocationParser.parse(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    @DisplayName("M29: an empty value is an error; 0 and the 32-bit maximum are accepted")
    void m29Bounds() {
        assertThatThrownBy(() -> PreAllocationParser.parse(Map.of("x", "")))
                .hasMessage("invalid value for pool \"x\": empty value, expected a base-10 integer");
        assertThat(PreAllocationParser.parse(Map.of("x", "0", "y", "2147483647", "z", "+3")))
                .containsEntry(pool("x"), 0).containsEntry(pool("y"), Integer.MAX_VALUE).containsEntry(pool("z"), 3);
    }

    @Test
    @DisplayName("M29: keys must be pool names")
    void m29Keys() {
        assertThatThrownBy(() -> PreAllocationParser.parse(Map.of("Not_A_Pool", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid pool name \"Not_A_Pool\"");
    }
}
