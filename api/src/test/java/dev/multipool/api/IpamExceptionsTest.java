package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IpamExceptionsTest {

    private static final PoolName BLUE = PoolName.of("blue");
    private static final IpAddress ADDRESS = IpAddress.parse("10.20.0.9");

    @Test
    @DisplayName("each error names its pool, family and address in Cilium's wording and carries them")
    void messagesAndParts() {
        PoolExhaustedException exhausted = new PoolExhaustedException(BLUE, Family.IPV6, "ns/a");
        assertThat(exhausted).hasMessage(
                "unable to allocate from pool \"blue\" (family ipv6): all CIDR ranges are exhausted");
        assertThat(exhausted.pool()).contains(BLUE);
        assertThat(exhausted.family()).contains(Family.IPV6);

        assertThat(new PoolNotReadyException(BLUE, Family.IPV4, ADDRESS, "ns/a")).hasMessage(
                "unable to reserve IP 10.20.0.9 from pool \"blue\" (family ipv4): pool not (yet) available");
        assertThat(new AddressInUseException(BLUE, ADDRESS, "ns/a", "ns/b")).hasMessage(
                "unable to reserve IP 10.20.0.9 from pool \"blue\" (family ipv4): provided IP is already allocated"
                        + " (owner \"ns/b\")");
        assertThat(new FamilyDisabledException(Family.IPV6, null))
                .hasMessage("address family ipv6 is disabled on this node");
        assertThat(new AddressNotInRangeException("IP 10.20.0.9 not in range", BLUE, ADDRESS, "ns/a").address())
                .contains(ADDRESS);
    }

    @Test
    @DisplayName("an error without the pool, family or address it is about is refused at construction")
    void missingPartsRefused() {
        assertThatThrownBy(() -> new PoolExhaustedException(null, Family.IPV4, "a"))
                .isInstanceOf(NullPointerException.class).hasMessage("pool is null");
        assertThatThrownBy(() -> new PoolExhaustedException(BLUE, null, "a"))
                .isInstanceOf(NullPointerException.class).hasMessage("family is null");
        assertThatThrownBy(() -> new PoolNotReadyException(BLUE, null, "a"))
                .isInstanceOf(NullPointerException.class).hasMessage("family is null");
        assertThatThrownBy(() -> new PoolNotReadyException(BLUE, Family.IPV4, null, "a"))
                .isInstanceOf(NullPointerException.class).hasMessage("address is null");
        assertThatThrownBy(() -> new AddressInUseException(null, ADDRESS, "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("pool is null");
        assertThatThrownBy(() -> new AddressInUseException(BLUE, null, "a", "b"))
                .isInstanceOf(NullPointerException.class).hasMessage("address is null");
        assertThatThrownBy(() -> new AddressNotAllocatedException("m", BLUE, null))
                .isInstanceOf(NullPointerException.class).hasMessage("address is null");
        assertThatThrownBy(() -> new AddressNotInRangeException("m", null, ADDRESS, "a"))
                .isInstanceOf(NullPointerException.class).hasMessage("pool is null");
        assertThatThrownBy(() -> new FamilyDisabledException(null, ADDRESS))
                .isInstanceOf(NullPointerException.class).hasMessage("family is null");
        assertThatThrownBy(() -> new MasqueradePolicyException("m", null))
                .isInstanceOf(NullPointerException.class).hasMessage("pool is null");
    }
}
