package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "a", "0", "blue-pool", "pool.example.com", "a-b.c-d", "1.2.3", "x--y"})
    @DisplayName("DNS-1123 subdomains are valid pool names")
    void valid(String name) {
        assertThat(PoolName.isValid(name)).isTrue();
        assertThat(PoolName.of(name)).hasToString(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Default", "-pool", "pool-", "pool.", ".pool", "a..b", "a_b", "a b", "pool/x",
        "a.-b", "a-.b", "pööl"})
    @DisplayName("anything else is rejected with a message naming the name and the rule")
    void invalid(String name) {
        assertThat(PoolName.isValid(name)).isFalse();
        assertThatThrownBy(() -> PoolName.of(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + name + "\"").hasMessageContaining("DNS-1123");
    }

    @Test
    @DisplayName("at most 253 characters (labels longer than 63 are allowed in a subdomain, as in Kubernetes)")
    void length() {
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertThat(longest).hasSize(253);
        assertThat(PoolName.isValid(longest)).isTrue();
        assertThat(PoolName.isValid(longest + "d")).isFalse();
        assertThat(PoolName.isValid("x".repeat(253))).isTrue();
        assertThat(PoolName.isValid("x".repeat(254))).isFalse();
        assertThat(PoolName.isValid(null)).isFalse();
        assertThatThrownBy(() -> new PoolName(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("names compare by their text")
    void compare() {
        assertThat(PoolName.of("alpha")).isLessThan(PoolName.of("beta"));
        assertThat(PoolName.of("a")).isEqualTo(new PoolName("a"));
    }
}
