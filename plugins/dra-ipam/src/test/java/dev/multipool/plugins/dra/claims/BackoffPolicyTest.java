package dev.multipool.plugins.dra.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {

    @Test
    @DisplayName("D4: Cilium's timing: 1 s initial interval, at most 25 attempts, doubling up to the cap")
    void defaultTiming() {
        BackoffPolicy policy = BackoffPolicy.DEFAULT;

        assertThat(policy.maxAttempts()).isEqualTo(25);
        assertThat(policy.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delay(24)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("invalid policies are refused with the reason")
    void invalid() {
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ZERO, 2, Duration.ofSeconds(1), 3))
                .hasMessageContaining("initial");
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 3))
                .hasMessageContaining("max");
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 3))
                .hasMessageContaining("factor");
        assertThatThrownBy(() -> new BackoffPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(1), 0))
                .hasMessageContaining("maxAttempts");
    }
}
