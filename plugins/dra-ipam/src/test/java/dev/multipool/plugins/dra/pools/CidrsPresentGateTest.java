package dev.multipool.plugins.dra.pools;

import static dev.multipool.plugins.dra.testing.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.GateDeadline;
import dev.multipool.api.GateStatus;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.testkit.TestConsumerIpam;
import dev.multipool.testkit.TestPoolCatalog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CidrsPresentGateTest {

    private final TestPoolCatalog catalog = TestPoolCatalog.synced(PoolKind.CILIUM_RESOURCE_IP_POOL);
    private final TestConsumerIpam ipam = new TestConsumerIpam();
    private final PoolPlacement placement = new PoolPlacement(catalog, "worker-1", () -> Optional.of(Map.of("nic", "sriov")));

    private CidrsPresentGate gate(Map<PoolName, Integer> preAllocation) {
        return new CidrsPresentGate(preAllocation, Set.of(Family.IPV4, Family.IPV6), placement, () -> ipam, "worker-1",
                Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("M51: with no pre-allocation (the DRA default) the gate opens at once, without touching the manager")
    void emptyPreAllocationOpens() {
        CidrsPresentGate gate = new CidrsPresentGate(Map.of(), Set.of(Family.IPV4), placement, () -> {
            throw new AssertionError("the manager must not be asked");
        }, "worker-1", Duration.ofSeconds(30));

        assertThat(gate.check()).isEqualTo(GateStatus.open());
        assertThat(gate.name()).isEqualTo("cidrs-present");
    }

    @Test
    @DisplayName("M48: waits until every pre-allocated pool has a free address in every enabled family")
    void waitsForEachPoolAndFamily() {
        catalog.put(pool("blue", "10.1.0.0/16", "fd00:1::/48"));
        catalog.put(pool("red", "10.2.0.0/16", "fd00:2::/48"));
        Map<PoolName, Integer> preAllocation = new LinkedHashMap<>();
        preAllocation.put(PoolName.of("red"), 4);
        preAllocation.put(PoolName.of("blue"), 8);
        CidrsPresentGate gate = gate(preAllocation);

        GateStatus first = gate.check();
        assertThat(first.state()).isEqualTo(GateStatus.State.WAITING);
        assertThat(first.detail()).contains("\"blue\"").contains("family ipv4").contains("worker-1");

        ipam.range("blue", "10.1.0.0/24");
        assertThat(gate.check().detail()).contains("\"blue\"").contains("family ipv6");

        ipam.range("blue", "fd00:1::/64");
        assertThat(gate.check().detail()).contains("\"red\"").contains("family ipv4");

        ipam.range("red", "10.2.0.0/24").range("red", "fd00:2::/64");
        assertThat(gate.check()).isEqualTo(GateStatus.open());
    }

    @Test
    @DisplayName("M30 hazard: a pool without an enabled family does not block; the gate opens with a warning")
    void missingFamilyIsAWarningNotAWait() {
        catalog.put(pool("v4-only", "10.1.0.0/16", null));
        ipam.range("v4-only", "10.1.0.0/24");

        GateStatus status = gate(Map.of(PoolName.of("v4-only"), 2)).check();

        assertThat(status.state()).isEqualTo(GateStatus.State.OPEN);
        assertThat(status.detail()).contains("\"v4-only\"").contains("ipv6");
    }

    @Test
    @DisplayName("D5: a pre-allocated pool that does not select this node is not waited for; the gate warns")
    void poolForOtherNodesIsAWarning() {
        catalog.put(pool("elsewhere", "10.1.0.0/16", null, Map.of("matchLabels", Map.of("nic", "none")), Map.of()));

        GateStatus status = gate(Map.of(PoolName.of("elsewhere"), 2)).check();

        assertThat(status.state()).isEqualTo(GateStatus.State.OPEN);
        assertThat(status.detail()).contains("\"elsewhere\"").contains("not available on node \"worker-1\"");
    }

    @Test
    @DisplayName("an unknown pre-allocated pool is waited for (it may still be created), and the detail says so")
    void unknownPoolWaits() {
        GateStatus status = gate(Map.of(PoolName.of("later"), 2)).check();

        assertThat(status.state()).isEqualTo(GateStatus.State.WAITING);
        assertThat(status.detail()).contains("\"later\"").contains("not found");
    }

    @Test
    @DisplayName("M52: the gate has a deadline after which the host proceeds with a warning")
    void deadlineProceeds() {
        GateDeadline deadline = gate(Map.of(PoolName.of("blue"), 1)).deadline();

        assertThat(deadline.action()).isEqualTo(GateDeadline.Action.PROCEED);
        assertThat(deadline.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(CidrsPresentGate.DEFAULT_DEADLINE).isEqualTo(Duration.ofMinutes(3));
    }
}
