package dev.multipool.host.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.DemandMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemandTest {

    @ParameterizedTest(name = "{0}: neededIPCeil({1}, {2}) = {3}")
    @CsvSource({
        "S1, 0, 0, 0", "S2, 1, 0, 1", "S3, 3, 0, 3", "S4, 0, 1, 1", "S5, 1, 1, 2", "S6, 3, 1, 4",
        "S7, 0, 16, 16", "S8, 1, 16, 32", "S9, 15, 16, 32", "S10, 16, 16, 32", "S11, 17, 16, 48"})
    void s1ToS11NeededIpCeil(String scenario, long n, long p, long expected) {
        assertThat(Demand.neededIpCeil(n, p)).isEqualTo(expected);
    }

    @Test
    @DisplayName("M26: the rounded demand always leaves between p and 2p-1 spare addresses")
    void m26SpareBounds() {
        for (long p = 1; p <= 40; p++) {
            for (long n = 0; n <= 200; n++) {
                long spare = Demand.neededIpCeil(n, p) - n;
                assertThat(spare).isBetween(p, 2 * p - 1);
            }
        }
    }

    @Test
    @DisplayName("S44/M27: linear demand with p=8, 5 in use and 1 pending is 14 (ceil would give 16)")
    void s44Linear() {
        assertThat(Demand.of(6, 8, DemandMode.LINEAR, true)).isEqualTo(14);
        assertThat(Demand.of(6, 8, DemandMode.CEIL, true)).isEqualTo(16);
    }

    @Test
    @DisplayName("S49: p=16 with 10 in use and 7 pending asks for neededIPCeil(17,16) = 48")
    void s49() {
        assertThat(Demand.of(10 + 7, 16, DemandMode.CEIL, true)).isEqualTo(48);
    }

    @Test
    @DisplayName("M25, M28: no pre-allocation entry or a disabled family keeps the base; huge values saturate")
    void m25M28() {
        assertThat(Demand.of(5, null, DemandMode.CEIL, true)).isEqualTo(5);
        assertThat(Demand.of(0, 8, DemandMode.CEIL, false)).isZero();
        assertThat(Demand.of(Long.MAX_VALUE / 2, 16, DemandMode.CEIL, true)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void negativeInputsAreRejected() {
        assertThatThrownBy(() -> Demand.neededIpCeil(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n=-1");
        assertThatThrownBy(() -> Demand.linear(1, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p=-2");
    }
}
