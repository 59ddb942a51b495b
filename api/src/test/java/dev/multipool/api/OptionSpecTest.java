package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"ipam-default-ip-pool", "a", "x1", "pool-2", "ipam-multi-pool-pre-allocation", "a-1-b"})
    @DisplayName("option names are lower-case words joined by single dashes")
    void validNames(String name) {
        assertThat(OptionSpec.of(name, OptionType.STRING, "", "help").name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--pool", "-pool", "pool-", "pool--size", "Pool", "pool_size", "1pool", "pool size",
        "pool.size"})
    @DisplayName("other option names are refused, naming the name")
    void invalidNames(String name) {
        assertThatThrownBy(() -> OptionSpec.unset(name, OptionType.STRING, "help"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"" + name + "\"");
    }

    @Test
    @DisplayName("of carries a default, unset carries none")
    void defaults() {
        assertThat(OptionSpec.of("a", OptionType.INTEGER, "8", "h").defaultValue()).contains("8");
        assertThat(OptionSpec.unset("a", OptionType.DURATION, "h").defaultValue()).isEmpty();
        assertThatThrownBy(() -> OptionSpec.of("a", null, "8", "h")).isInstanceOf(NullPointerException.class);
    }
}
