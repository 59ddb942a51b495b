package dev.multipool.plugins.pod.gate;

import static dev.multipool.api.PoolKind.CILIUM_POD_IP_POOL;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.GateDeadline;
import dev.multipool.api.GateStatus;
import dev.multipool.api.PoolName;
import dev.multipool.plugins.pod.support.PodTestContext;
import dev.multipool.testkit.TestConsumerContext;
import dev.multipool.testkit.TestPoolCatalog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules M48, M52 and the M30 hazards: the cidrs-present start-up gate. */
class CidrsPresentGateTest {

    private static Map<PoolName, Integer> preAllocation(Object... poolsAndCounts) {
        Map<PoolName, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < poolsAndCounts.length; i += 2) {
            map.put(PoolName.of((String) poolsAndCounts[i]), (Integer) poolsAndCounts[i + 1]);
        }
        return map;
    }

    private static TestPoolCatalog dualStackPools() {
        return TestPoolCatalog.synced(CILIUM_POD_IP_POOL, 
                pool("default").ipv4("10.0.0.0/16", 24).ipv6("fd00::/104", 120).build(),
                pool("mars").ipv4("10.1.0.0/16", 27).ipv6("fd01::/104", 123).build());
    }

    private static CidrsPresentGate gate(TestConsumerContext context, Map<PoolName, Integer> preAllocation) {
        context.restored();
        return new CidrsPresentGate(context, context.pools(CILIUM_POD_IP_POOL),
                preAllocation, Duration.ofMinutes(3));
    }

    @Test
    @DisplayName("M48: waits until every pre-allocated pool has a free address in every enabled family")
    void m48WaitsForEveryPoolAndFamily() {
        var context = PodTestContext.of(dualStackPools());
        var gate = gate(context, preAllocation("default", 16, "mars", 8));

        assertThat(gate.name()).isEqualTo("cidrs-present");
        assertThat(gate.check().state()).isEqualTo(GateStatus.State.WAITING);

        context.testIpam().range("default", "10.0.0.0/24");
        context.testIpam().range("default", "fd00::/120");
        context.testIpam().range("mars", "10.1.0.0/27");
        GateStatus status = gate.check();
        assertThat(status.state()).isEqualTo(GateStatus.State.WAITING);
        assertThat(status.detail()).contains("pool 'mars' has no free ipv6 address").doesNotContain("'default'");

        context.testIpam().range("mars", "fd01::/123");
        assertThat(gate.check()).isEqualTo(GateStatus.open());
    }

    @Test
    @DisplayName("M52: a pool that never gets a CIDR is named in the waiting detail, with node and hint")
    void m52NeverDelegatedPoolIsReported() {
        var context = PodTestContext.of(dualStackPools());
        var gate = gate(context, preAllocation("default", 16, "mars", 8));
        context.testIpam().range("default", "10.0.0.0/24");
        context.testIpam().range("default", "fd00::/120");

        GateStatus status = gate.check();

        assertThat(status.state()).isEqualTo(GateStatus.State.WAITING);
        assertThat(status.detail())
                .contains("node 'node-a'")
                .contains("pool 'mars' has no free ipv4 address; pool 'mars' has no free ipv6 address")
                .contains("operator");
    }

    @Test
    @DisplayName("M52: the deadline comes from the option and lets the host proceed with a warning")
    void m52DeadlineProceeds() {
        var context = PodTestContext.of(dualStackPools());
        context.restored();
        var gate = new CidrsPresentGate(context, context.pools(CILIUM_POD_IP_POOL),
                preAllocation("default", 8), Duration.ofSeconds(45));

        assertThat(gate.deadline()).isEqualTo(GateDeadline.proceedAfter(Duration.ofSeconds(45)));
        assertThat(gate.deadline().action()).isEqualTo(GateDeadline.Action.PROCEED);
    }

    @Test
    @DisplayName("M52: a zero deadline waits forever, like Cilium's baseline")
    void m52ZeroDeadlineWaitsForever() {
        var context = PodTestContext.of(dualStackPools());
        var gate = new CidrsPresentGate(context, dualStackPools(), preAllocation("default", 8), Duration.ZERO);

        assertThat(gate.deadline().isBounded()).isFalse();
    }

    @Test
    @DisplayName("M30/S55: a pool pre-allocated with 0 is never requested, so it is not waited for")
    void m30ZeroCountIsNotAwaited() {
        var context = PodTestContext.of(dualStackPools());
        var gate = gate(context, preAllocation("default", 0, "mars", 8));
        context.testIpam().range("mars", "10.1.0.0/27");
        context.testIpam().range("mars", "fd01::/123");

        assertThat(gate.check()).isEqualTo(GateStatus.open());
    }

    @Test
    @DisplayName("M51: an empty pre-allocation map opens at once")
    void m51EmptyMapOpens() {
        var context = PodTestContext.of(dualStackPools());

        assertThat(gate(context, Map.of()).check()).isEqualTo(GateStatus.open());
    }

    @Test
    @DisplayName("M30: a pool whose CiliumPodIPPool lacks an enabled family is not waited for in it: open with a warning")
    void m30PoolLackingAFamilyOpensWithWarning() {
        var catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL, pool("default").ipv4("10.0.0.0/16", 24).build());
        var context = PodTestContext.of(catalog);
        var gate = gate(context, preAllocation("default", 8));
        context.testIpam().range("default", "10.0.0.0/24");

        GateStatus status = gate.check();

        assertThat(status.state()).isEqualTo(GateStatus.State.OPEN);
        assertThat(status.detail()).contains("pool 'default' offers no ipv6").contains("spec.ipv6");
    }

    @Test
    @DisplayName("M30: the family a pool offers is still waited for while the one it lacks is skipped, and the "
            + "waiting detail says so (at the deadline it becomes the warning)")
    void m30OfferedFamilyIsStillAwaited() {
        var catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL, pool("default").ipv4("10.0.0.0/16", 24).build());
        var context = PodTestContext.of(catalog);
        var gate = gate(context, preAllocation("default", 8));

        GateStatus status = gate.check();

        assertThat(status.state()).isEqualTo(GateStatus.State.WAITING);
        assertThat(status.detail()).contains("pool 'default' has no free ipv4 address")
                .doesNotContain("has no free ipv6 address")
                .endsWith("; pool 'default' offers no ipv6 (its CiliumPodIPPool has no spec.ipv6): not waiting for "
                        + "ipv6 CIDRs of it, and ipv6 allocations from it will fail");
    }

    @Test
    @DisplayName("M48: only enabled families are waited for")
    void m48OnlyEnabledFamilies() {
        var context = PodTestContext.of(dualStackPools()).families(Family.IPV4);
        var gate = gate(context, preAllocation("default", 8));
        context.testIpam().range("default", "10.0.0.0/24");

        assertThat(gate.check()).isEqualTo(GateStatus.open());
    }

    @Test
    @DisplayName("M30: before the pool table syncs, a family cannot be judged missing, so it is waited for")
    void m30UnsyncedTableWaits() {
        var catalog = new TestPoolCatalog(CILIUM_POD_IP_POOL);
        var context = PodTestContext.of(catalog);
        var gate = gate(context, preAllocation("default", 8));
        context.testIpam().range("default", "10.0.0.0/24");

        assertThat(gate.check().detail()).contains("pool 'default' has no free ipv6 address");

        catalog.put(pool("default").ipv4("10.0.0.0/16", 24).build());
        catalog.synced(true);

        assertThat(gate.check().state()).isEqualTo(GateStatus.State.OPEN);
    }

    @Test
    @DisplayName("M52: a pre-allocated pool that has no CiliumPodIPPool at all is said to be missing")
    void m52UnknownPoolIsSaidToBeMissing() {
        var context = PodTestContext.of(dualStackPools()).families(Family.IPV4);
        var gate = gate(context, preAllocation("venus", 4));

        assertThat(gate.check().detail()).contains("pool 'venus' has no free ipv4 address (no CiliumPodIPPool 'venus' exists)");
    }
}
