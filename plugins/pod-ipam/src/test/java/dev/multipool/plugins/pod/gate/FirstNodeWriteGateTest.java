package dev.multipool.plugins.pod.gate;

import static dev.multipool.api.PoolKind.CILIUM_POD_IP_POOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.GateStatus;
import dev.multipool.plugins.pod.support.PodTestContext;
import dev.multipool.testkit.TestPoolCatalog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule P5: the first-node-write start-up gate. */
class FirstNodeWriteGateTest {

    @Test
    @DisplayName("P5: waits, naming the node, until the first write of spec.ipam.pools; then opens; no deadline")
    void p5WaitsForFirstSync() {
        var context = PodTestContext.of(new TestPoolCatalog(CILIUM_POD_IP_POOL));
        context.restored();
        var gate = new FirstNodeWriteGate(context);

        assertThat(gate.name()).isEqualTo("first-node-write");
        assertThat(gate.deadline().isBounded()).isFalse();
        GateStatus waiting = gate.check();
        assertThat(waiting.state()).isEqualTo(GateStatus.State.WAITING);
        assertThat(waiting.detail()).contains("spec.ipam.pools").contains("'node-a'");

        context.testIpam().firstSyncDone(true);

        assertThat(gate.check()).isEqualTo(GateStatus.open());
    }
}
