package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GateDeadlineTest {

    @Test
    @DisplayName("GateDeadline: none is unbounded; failAfter and proceedAfter carry their action; negative refused")
    void gateDeadline() {
        assertThat(GateDeadline.none().isBounded()).isFalse();
        assertThat(GateDeadline.failAfter(Duration.ofSeconds(30)))
                .isEqualTo(new GateDeadline(Duration.ofSeconds(30), GateDeadline.Action.FAIL));
        assertThat(GateDeadline.failAfter(Duration.ofSeconds(30)).isBounded()).isTrue();
        assertThat(GateDeadline.proceedAfter(Duration.ofMillis(1)).action()).isEqualTo(GateDeadline.Action.PROCEED);
        assertThat(GateDeadline.proceedAfter(Duration.ZERO).isBounded()).isFalse();
        assertThatThrownBy(() -> GateDeadline.failAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new GateDeadline(null, GateDeadline.Action.FAIL))
                .isInstanceOf(NullPointerException.class);
    }
}
