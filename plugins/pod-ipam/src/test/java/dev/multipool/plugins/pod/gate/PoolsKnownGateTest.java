package dev.multipool.plugins.pod.gate;

import static dev.multipool.api.PoolKind.CILIUM_POD_IP_POOL;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.GateStatus;
import dev.multipool.api.PoolName;
import dev.multipool.testkit.TestClock;
import dev.multipool.testkit.TestPoolCatalog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule P2: the pools-known start-up gate. */
class PoolsKnownGateTest {

    private final TestClock clock = new TestClock();
    private final TestPoolCatalog catalog = new TestPoolCatalog(CILIUM_POD_IP_POOL);

    private PoolsKnownGate gate(String... pools) {
        return new PoolsKnownGate(catalog, List.of(pools).stream().map(PoolName::of).toList(), clock,
                PoolsKnownGate.PER_POOL_TIMEOUT);
    }

    @Test
    @DisplayName("P2: opens once every pre-allocated pool is in the pool table")
    void p2OpensWhenAllKnown() {
        var gate = gate("default", "mars");
        assertThat(gate.name()).isEqualTo("pools-known");
        catalog.put(pool("mars").ipv4("10.1.0.0/16", 27).build());

        assertThat(gate.check().state()).isEqualTo(GateStatus.State.WAITING);

        catalog.put(pool("default").ipv4("10.0.0.0/16", 24).build());
        assertThat(gate.check()).isEqualTo(GateStatus.open());
    }

    @Test
    @DisplayName("P2: pools are waited for in sorted order, whatever order the option gave")
    void p2SortedOrder() {
        var gate = gate("zeta", "alpha", "mid");

        assertThat(gate.check().detail()).contains("'alpha'");
        catalog.put(pool("alpha").ipv4("10.0.0.0/16", 24).build());
        assertThat(gate.check().detail()).contains("'mid'");
        catalog.put(pool("mid").ipv4("10.1.0.0/16", 24).build());
        assertThat(gate.check().detail()).contains("'zeta'");
    }

    @Test
    @DisplayName("P2: each pool has 1 minute; the waiting detail says how long it waited")
    void p2OneMinutePerPool() {
        var gate = gate("alpha", "beta");
        gate.check();
        clock.advance(Duration.ofSeconds(59));

        GateStatus status = gate.check();
        assertThat(status.state()).isEqualTo(GateStatus.State.WAITING);
        assertThat(status.detail()).contains("'alpha'").contains("waited 59s of 60s");

        clock.advance(Duration.ofSeconds(1));
        status = gate.check();
        assertThat(status.detail()).contains("'beta'").contains("waited 0s of 60s");
    }

    @Test
    @DisplayName("P2 (deliberate deviation): a timeout does not abandon the wait; every pool gets its turn")
    void p2EveryPoolIsChecked() {
        var gate = gate("alpha", "beta", "gamma");
        gate.check();
        clock.advance(Duration.ofMinutes(1));

        assertThat(gate.check().detail()).contains("'beta'");

        catalog.put(pool("beta").ipv4("10.0.0.0/16", 24).build());
        assertThat(gate.check().detail()).contains("'gamma'");
    }

    @Test
    @DisplayName("P2: after every turn, the gate opens and warns about the pools still missing")
    void p2OpensWithWarningNamingMissingPools() {
        var gate = gate("alpha", "beta", "gamma");
        catalog.put(pool("beta").ipv4("10.0.0.0/16", 24).build());
        gate.check();
        clock.advance(Duration.ofMinutes(1));
        gate.check();
        clock.advance(Duration.ofMinutes(1));

        GateStatus status = gate.check();

        assertThat(status.state()).isEqualTo(GateStatus.State.OPEN);
        assertThat(status.detail()).contains("[alpha, gamma]").doesNotContain("beta");
    }

    @Test
    @DisplayName("P2: a pool that timed out but appeared before the end needs no warning")
    void p2LateArrivalIsNotWarnedAbout() {
        var gate = gate("alpha", "beta");
        gate.check();
        clock.advance(Duration.ofMinutes(1));
        gate.check();
        catalog.put(pool("alpha").ipv4("10.0.0.0/16", 24).build());
        clock.advance(Duration.ofMinutes(1));

        GateStatus status = gate.check();

        assertThat(status.state()).isEqualTo(GateStatus.State.OPEN);
        assertThat(status.detail()).contains("[beta]");
    }

    @Test
    @DisplayName("P2: the turn of the first pool starts at the first check, not at construction")
    void p2ClockStartsAtFirstCheck() {
        var gate = gate("alpha");
        clock.advance(Duration.ofMinutes(5));

        assertThat(gate.check().state()).isEqualTo(GateStatus.State.WAITING);
    }

    @Test
    @DisplayName("P2: no pre-allocated pool, nothing to wait for")
    void p2NothingToWaitFor() {
        assertThat(gate().check()).isEqualTo(GateStatus.open());
    }

    @Test
    @DisplayName("P2: the per-pool wait must be positive")
    void p2RejectsNonPositiveWait() {
        assertThatThrownBy(() -> new PoolsKnownGate(catalog, List.of(), clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("perPool");
    }
}
