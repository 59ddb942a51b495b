package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.alloc;
import static dev.multipool.host.manager.TestSections.allocated;
import static dev.multipool.host.manager.TestSections.ip;
import static dev.multipool.host.manager.TestSections.pool;
import static dev.multipool.host.manager.TestSections.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.DemandMode;
import dev.multipool.api.Family;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.api.PoolSection;
import dev.multipool.host.manager.TestSections.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Demand, pending expiry and per-pool first/last rules through the manager: S42–S49, M46. */
class MultiPoolManagerDemandTest {

    private static final PoolName DEFAULT = pool("default");
    private static final PoolName MARS = pool("mars");
    private static final PoolName BLUE = pool("blue");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private ManagerParams.Builder params(Family... families) {
        return ManagerParams.builder("pod").enabledFamilies(families[0], families).clock(clock)
                .random(new SplittableRandom(3));
    }

    @Test
    @DisplayName("M46: nothing is computed before a node section was observed")
    void m46() {
        MultiPoolManager manager = new MultiPoolManager(params(Family.IPV4).preAllocation(Map.of(DEFAULT, 8)).build());
        assertThat(manager.computeSync()).isEmpty();
        manager.upsertNode(PoolSection.EMPTY);
        assertThat(manager.computeSync()).contains(new PoolSection(java.util.List.of(req("default", 8, 0)),
                java.util.List.of()));
    }

    @Test
    @DisplayName("S42/R4: the last address of a /30 fails until the pool's rules allow it")
    void s42() {
        MultiPoolManager manager = new MultiPoolManager(params(Family.IPV4).build());
        manager.upsertNode(allocated(alloc("default", "10.20.0.0/30")));
        assertThatThrownBy(() -> manager.allocate(ip("10.20.0.3"), DEFAULT, "pod", false))
                .isInstanceOf(AddressNotInRangeException.class).hasMessageContaining("not in range");
        manager.setRangeRules(DEFAULT, new RangeRules(false, true));
        assertThat(manager.allocate(ip("10.20.0.3"), DEFAULT, "pod", false).address()).isEqualTo(ip("10.20.0.3"));
    }

    @Test
    @DisplayName("S43: a /27 with allowLastIP hands out 31 addresses; the 32nd is exhausted; mars requests 40")
    void s43() {
        MultiPoolManager manager = new MultiPoolManager(params(Family.IPV4).preAllocation(Map.of(MARS, 8)).build());
        manager.setRangeRules(MARS, new RangeRules(false, true));
        manager.upsertNode(allocated(alloc("mars", "10.0.11.0/27")));
        for (int i = 0; i < 31; i++) {
            manager.allocateNext(MARS, Family.IPV4, "pod-" + i, false);
        }
        assertThat(TestSections.dumpedAddresses(manager, "mars", Family.IPV4)).contains(ip("10.0.11.31"));
        assertThatThrownBy(() -> manager.allocateNext(MARS, Family.IPV4, "pod-31", false))
                .isInstanceOf(PoolExhaustedException.class);
        assertThat(manager.computeSync().orElseThrow().requested()).containsExactly(req("mars", 40, 0));
    }

    @Test
    @DisplayName("R4: the manager-wide allowFirstLastIps overrides per-pool rules: a /28 gives 16")
    void r4AllowAll() {
        MultiPoolManager manager = new MultiPoolManager(params(Family.IPV4).allowFirstLastIps(true).build());
        manager.setRangeRules(DEFAULT, RangeRules.DEFAULT);
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/28")));
        assertThat(manager.capacity(Family.IPV4)).isEqualTo(16);
        assertThat(manager.allocate(ip("10.0.0.0"), DEFAULT, "net", false).address()).isEqualTo(ip("10.0.0.0"));
    }

    @Test
    @DisplayName("S44: linear mode with p=8, 5 in use and 1 pending requests 14")
    void s44() {
        MultiPoolManager manager = new MultiPoolManager(params(Family.IPV4).preAllocation(Map.of(DEFAULT, 8))
                .demandMode(DemandMode.LINEAR).build());
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/29")));
        for (int i = 1; i <= 5; i++) {
            manager.allocate(ip("10.0.0." + i), DEFAULT, "pod-" + i, false);
        }
        // M16: a failed specific allocation of a duplicate counts as pending demand
        assertThatThrownBy(() -> manager.allocate(ip("10.0.0.1"), DEFAULT, "late", false))
                .isInstanceOf(AddressInUseException.class);
        assertThat(manager.computeSync().orElseThrow().requested()).containsExactly(req("default", 14, 0));
    }

    @Test
    @DisplayName("S46: three owners failing on a pool without CIDRs request 3 IPv4 and no IPv6; retries do not add")
    void s46() {
        MultiPoolManager manager = new MultiPoolManager(params(Family.IPV4, Family.IPV6).build());
        manager.upsertNode(PoolSection.EMPTY);
        for (String owner : new String[] {"a", "b", "c"}) {
            assertThatThrownBy(() -> manager.allocateNext(BLUE, Family.IPV4, owner, false))
                    .isInstanceOf(PoolNotReadyException.class);
        }
        assertThat(manager.computeSync().orElseThrow().requested()).containsExactly(req("blue", 3, 0));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> manager.allocateNext(BLUE, Family.IPV4, "a", false))
                    .isInstanceOf(PoolNotReadyException.class);
        }
        assertThat(manager.computeSync().orElseThrow().requested()).containsExactly(req("blue", 3, 0));
    }

    @Test
    @DisplayName("S47/M20: a failure counts at exactly 5 minutes and no longer 1 ms later")
    void s47() {
        MultiPoolManager manager = new MultiPoolManager(params(Family.IPV4).build());
        manager.upsertNode(PoolSection.EMPTY);
        assertThatThrownBy(() -> manager.allocateNext(BLUE, Family.IPV4, "a", false))
                .isInstanceOf(PoolNotReadyException.class);
        clock.advance(Duration.ofMinutes(5));
        assertThat(manager.computeSync().orElseThrow().requested()).containsExactly(req("blue", 1, 0));
        clock.advance(Duration.ofMillis(1));
        assertThat(manager.computeSync().orElseThrow().requested()).isEmpty();
    }

    @Test
    @DisplayName("S48: pre-allocation without CIDRs requests p per enabled family only")
    void s48() {
        MultiPoolManager dual = new MultiPoolManager(params(Family.IPV4, Family.IPV6)
                .preAllocation(Map.of(DEFAULT, 8)).build());
        dual.upsertNode(PoolSection.EMPTY);
        assertThat(dual.computeSync().orElseThrow().requested()).containsExactly(req("default", 8, 8));
        MultiPoolManager v4 = new MultiPoolManager(params(Family.IPV4).preAllocation(Map.of(DEFAULT, 8)).build());
        v4.upsertNode(PoolSection.EMPTY);
        assertThat(v4.computeSync().orElseThrow().requested()).containsExactly(req("default", 8, 0));
    }

    @Test
    @DisplayName("S49: p=16 with 10 in use and 7 pending owners requests 48")
    void s49() {
        MultiPoolManager manager = new MultiPoolManager(params(Family.IPV4).preAllocation(Map.of(DEFAULT, 16)).build());
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/27")));
        for (int i = 1; i <= 10; i++) {
            manager.allocate(ip("10.0.0." + i), DEFAULT, "pod-" + i, false);
        }
        for (int i = 0; i < 7; i++) {
            String owner = "pending-" + i;
            assertThatThrownBy(() -> manager.allocate(ip("10.0.0.1"), DEFAULT, owner, false))
                    .isInstanceOf(AddressInUseException.class);
        }
        assertThat(manager.computeSync().orElseThrow().requested()).containsExactly(req("default", 48, 0));
        assertThat(manager.dump().get(0).families().get(Family.IPV4).pending()).isEqualTo(7);
        assertThat(manager.dump().get(0).families().get(Family.IPV4).demand()).isEqualTo(48);
    }

    @Test
    @DisplayName("M21/M16: a successful allocation clears the owner's pending entry; release does not")
    void m21() {
        MultiPoolManager manager = new MultiPoolManager(params(Family.IPV4).build());
        manager.upsertNode(PoolSection.EMPTY);
        assertThatThrownBy(() -> manager.allocateNext(DEFAULT, Family.IPV4, "a", false))
                .isInstanceOf(PoolNotReadyException.class);
        assertThatThrownBy(() -> manager.allocateNext(DEFAULT, Family.IPV4, "b", false))
                .isInstanceOf(PoolNotReadyException.class);
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/29")));
        manager.allocateNext(DEFAULT, Family.IPV4, "a", false);
        var b = manager.allocateNext(DEFAULT, Family.IPV4, "b", false);
        manager.release(b.address(), DEFAULT, false);
        // 1 in use (a), no pending left
        assertThat(manager.computeSync().orElseThrow().requested()).containsExactly(req("default", 1, 0));
    }
}
