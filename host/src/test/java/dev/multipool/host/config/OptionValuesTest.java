package dev.multipool.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.OptionType;
import dev.multipool.api.PoolName;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of option values by type; pool-count maps follow spec M29 with negative counts rejected. */
class OptionValuesTest {

    @Test
    void parsesEachType() {
        assertThat(OptionValues.parse(OptionType.STRING, "blue")).isEqualTo("blue");
        assertThat(OptionValues.parse(OptionType.BOOLEAN, "TRUE")).isEqualTo(true);
        assertThat(OptionValues.parse(OptionType.BOOLEAN, "false")).isEqualTo(false);
        assertThat(OptionValues.parse(OptionType.INTEGER, "-42")).isEqualTo(-42);
        assertThat(OptionValues.parse(OptionType.DURATION, "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(OptionValues.parse(OptionType.STRING_MAP, "a=1, b = x=y")).isEqualTo(Map.of("a", "1", "b", "x=y"));
        assertThat(OptionValues.parse(OptionType.NAME, "net.example.com")).isEqualTo("net.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Blue", "blue_pool", "-blue", "blue.", "a b"})
    void aNameMustBeAKubernetesObjectName(String text) {
        assertThatThrownBy(() -> OptionValues.parse(OptionType.NAME, text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)");
    }

    @Test
    void M29_poolCountsKeepTheOrderGivenAndAcceptZero() {
        Map<PoolName, Integer> counts = OptionValues.poolCounts("default=8,blue=4,red=0");

        assertThat(counts).containsExactly(Map.entry(PoolName.of("default"), 8), Map.entry(PoolName.of("blue"), 4),
                Map.entry(PoolName.of("red"), 0));
        assertThat(OptionValues.poolCounts("")).isEmpty();
        assertThat(OptionValues.poolCounts("  ")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "default=-1| invalid value for pool \"default\": must not be negative, got -1",
        "default=8,blue=x| invalid value for pool \"blue\": \"x\" is not a base-10 integer",
        "blue=| invalid value for pool \"blue\": empty value, expected a base-10 integer",
        "blue=2147483648| invalid value for pool \"blue\": \"2147483648\" is out of the 32-bit integer range",
        "blue=0x10| invalid value for pool \"blue\": \"0x10\" is not a base-10 integer",
        "default=1,default=2| \"default\" is given twice",
        "default| invalid entry \"default\": expected key=value",
        "default=1,,blue=2| invalid entry \"\": expected key=value",
        "=3| invalid entry \"=3\": expected key=value"
    })
    void M29_badPoolCountsAreRejectedNamingThePool(String text, String message) {
        assertThatThrownBy(() -> OptionValues.poolCounts(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void poolNamesMustBeDns1123Subdomains() {
        assertThatThrownBy(() -> OptionValues.poolCounts("Blue=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid pool name \"Blue\" in pre-allocation: must be a DNS-1123 subdomain of at most 253 characters");
    }

    @Test
    void badScalarsSayWhatIsExpected() {
        assertThatThrownBy(() -> OptionValues.parse(OptionType.BOOLEAN, "yes")).hasMessage("expected true or false");
        assertThatThrownBy(() -> OptionValues.parse(OptionType.INTEGER, "1.5")).hasMessage("not a base-10 32-bit integer");
        assertThatThrownBy(() -> OptionValues.parse(OptionType.INTEGER, "99999999999")).hasMessage("not a base-10 32-bit integer");
    }
}
