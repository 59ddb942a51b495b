package dev.multipool.plugins.dra.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Family;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StaticAddressTest {

    @Test
    @DisplayName("D3: fixed addresses are prefixes as Cilium's driver writes them; a bare address is a single-address prefix")
    void parses() {
        assertThat(StaticAddress.parse("10.30.0.1/32")).hasToString("10.30.0.1/32");
        assertThat(StaticAddress.parse("10.30.0.1/24")).hasToString("10.30.0.1/24");
        assertThat(StaticAddress.parse("10.30.0.1")).hasToString("10.30.0.1/32");
        assertThat(StaticAddress.parse("fd00:300:1::1").family()).isEqualTo(Family.IPV6);
        assertThat(StaticAddress.parse("fd00:300:1::1")).hasToString("fd00:300:1::1/128");
    }

    @Test
    @DisplayName("bad text is refused naming it")
    void refuses() {
        assertThatThrownBy(() -> StaticAddress.parse("10.30.0.1/33")).hasMessageContaining("10.30.0.1/33");
        assertThatThrownBy(() -> StaticAddress.parse("10.30.0.1/")).hasMessageContaining("10.30.0.1/");
        assertThatThrownBy(() -> StaticAddress.parse("10.30.0/8")).hasMessageContaining("10.30.0");
    }
}
