package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PoolDemandTest {

    @Test
    @DisplayName("negative demand is rejected in either family, naming both counts")
    void negativeRejected() {
        assertThatThrownBy(() -> new PoolDemand(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ipv4-addrs=-1");
        assertThatThrownBy(() -> new PoolDemand(0, -3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ipv6-addrs=-3");
        assertThatThrownBy(() -> PoolDemand.NONE.with(Family.IPV6, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("get and with address one family and leave the other alone")
    void perFamily() {
        PoolDemand demand = new PoolDemand(3, 5);
        assertThat(demand.get(Family.IPV4)).isEqualTo(3);
        assertThat(demand.get(Family.IPV6)).isEqualTo(5);
        assertThat(demand.with(Family.IPV4, 7)).isEqualTo(new PoolDemand(7, 5));
        assertThat(demand.with(Family.IPV6, 0)).isEqualTo(new PoolDemand(3, 0));
        assertThat(demand).isEqualTo(new PoolDemand(3, 5));
    }

    @Test
    @DisplayName("zero demand is only zero in both families")
    void isZero() {
        assertThat(PoolDemand.NONE.isZero()).isTrue();
        assertThat(new PoolDemand(0, 1).isZero()).isFalse();
        assertThat(new PoolDemand(1, 0).isZero()).isFalse();
    }

    @Test
    @DisplayName("a request needs a pool and a demand")
    void requestParts() {
        assertThatThrownBy(() -> new PoolRequest(null, PoolDemand.NONE)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PoolRequest(PoolName.of("a"), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("a null family is refused instead of being read as IPv6")
    void nullFamilyRefused() {
        PoolDemand demand = new PoolDemand(3, 5);
        assertThatThrownBy(() -> demand.get(null)).isInstanceOf(NullPointerException.class).hasMessage("family is null");
        assertThatThrownBy(() -> demand.with(null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("family is null");
    }
}
