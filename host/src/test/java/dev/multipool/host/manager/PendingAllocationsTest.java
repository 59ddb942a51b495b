package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PendingAllocationsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PoolName TEST = pool("test");
    private static final PoolName OTHER = pool("other");

    private final PendingAllocations pending = new PendingAllocations(Duration.ofMinutes(5));

    @BeforeEach
    void s12Given() {
        pending.upsert(TEST, Family.IPV4, "default/xwing", T0);
        pending.upsert(OTHER, Family.IPV4, "foo", T0);
        pending.upsert(OTHER, Family.IPV6, "foo", T0);
        pending.upsert(OTHER, Family.IPV4, "bar", T0);
        pending.upsert(OTHER, Family.IPV6, "bar", T0);
        pending.upsert(OTHER, Family.IPV6, "baz-ipv6-only", T0);
        Instant t30 = T0.plusSeconds(30);
        pending.upsert(TEST, Family.IPV4, "default/tiefighter", t30);
        pending.upsert(OTHER, Family.IPV4, "foo", t30);
        pending.upsert(OTHER, Family.IPV6, "foo", t30);
        pending.expire(t30);
    }

    private void assertCounts(int testV4, int testV6, int otherV4, int otherV6) {
        assertThat(pending.count(TEST, Family.IPV4)).isEqualTo(testV4);
        assertThat(pending.count(TEST, Family.IPV6)).isEqualTo(testV6);
        assertThat(pending.count(OTHER, Family.IPV4)).isEqualTo(otherV4);
        assertThat(pending.count(OTHER, Family.IPV6)).isEqualTo(otherV6);
    }

    @Test
    @DisplayName("S12: counts distinct owners per pool and family after a refresh at t0+30s")
    void s12() {
        assertCounts(2, 0, 2, 3);
    }

    @Test
    @DisplayName("S13/M20: at t0+5m30s only the refreshed entries survive (expiry is not strictly before now)")
    void s13() {
        pending.expire(T0.plus(Duration.ofMinutes(5)).plusSeconds(30));
        assertCounts(1, 0, 1, 1);
        pending.expire(T0.plus(Duration.ofMinutes(5)).plusSeconds(30).plusNanos(1));
        assertCounts(0, 0, 0, 0);
        assertThat(pending.pools()).isEmpty();
    }

    @Test
    @DisplayName("S14/M21: from the S13 state, allocating foo clears its v4 entry, then its v6 entry")
    void s14() {
        pending.expire(T0.plus(Duration.ofMinutes(5)).plusSeconds(30));
        assertCounts(1, 0, 1, 1);
        pending.remove(OTHER, Family.IPV4, "foo");
        assertCounts(1, 0, 0, 1);
        pending.remove(OTHER, Family.IPV6, "foo");
        assertCounts(1, 0, 0, 0);
    }

    @Test
    @DisplayName("M21: clearing one owner's entry leaves the other owners of the family counted")
    void m21OtherOwnersStay() {
        pending.remove(OTHER, Family.IPV4, "foo");
        assertThat(pending.count(OTHER, Family.IPV4)).isEqualTo(1);
        pending.remove(OTHER, Family.IPV4, "bar");
        assertThat(pending.count(OTHER, Family.IPV4)).isZero();
        assertThat(pending.count(OTHER, Family.IPV6)).isEqualTo(3);
        pending.remove(OTHER, Family.IPV6, "foo");
        assertThat(pending.count(OTHER, Family.IPV6)).isEqualTo(2);
    }

    @Test
    @DisplayName("M19/M22: repeated failures of one owner count once")
    void m22() {
        for (int i = 0; i < 5; i++) {
            pending.upsert(TEST, Family.IPV6, "same", T0.plusSeconds(i));
        }
        assertThat(pending.count(TEST, Family.IPV6)).isEqualTo(1);
    }
}
