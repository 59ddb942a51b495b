package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.section;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.sectionOf;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.withAllocated;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.withPoolAllocated;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.RequestLog;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spec S16 and S28 ("before restore has finished, CIDRs are not given back") through the host's real
 * restore path.
 *
 * <p>Mapping: upstream's manager may sync before {@code restoreFinished}, so it must not release
 * then. The host instead restores every stored allocation before its node writer starts (spec M41,
 * M42): no write is ever computed from a view that lacks stored addresses. The tests check the
 * consequence on the wire: after a restart, the host's very first PUT keeps the CIDRs holding
 * restored addresses while giving back a CIDR nobody uses (so the check can fail); and a stored
 * address whose pool is delegated only later is reserved, counted in {@code requested}, and placed
 * when the CIDR arrives, which then stays.
 */
class KubernetesRestoreScenarioTest extends SharedApiServerFixture {

    @Test
    @DisplayName("S16, S28: after a restart the first write keeps pool unused, whose addresses were restored, and "
            + "gives back pool idle, which nobody uses")
    void restartKeepsCidrsOfRestoredAddresses() {
        String node = "node-restart";
        api.createCiliumNode(withAllocated(CiliumObjects.node(node), POOLS,
                entries(allocation("default", "10.0.22.0/24", "fd00:22::/96"))));
        host = KubernetesHost.builder(api, dir.resolve("restart")).nodeName(node)
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=16").start();
        HostRest rest = host.rest();
        Map<String, Object> firstWrite = section(entries(request("default", 16, 16)),
                entries(allocation("default", "10.0.22.0/24", "fd00:22::/96")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedPools(node)).contains(firstWrite));
        api.editCiliumNode(node, stored -> withPoolAllocated(stored, POOLS, "unused", "10.0.33.0/24"));
        await().atMost(WAIT).until(() -> !rest.pool(POD, "unused", "ipv4").isMissingNode());
        rest.allocate(POD, "10.0.33.7", "unused", "restored-pod");
        Map<String, Object> expected = section(entries(request("default", 16, 16), request("unused", 1, 0)), entries(
                allocation("default", "10.0.22.0/24", "fd00:22::/96"), allocation("unused", "10.0.33.0/24")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedPools(node)).contains(expected));

        host.close();
        api.editCiliumNode(node, stored -> withPoolAllocated(stored, POOLS, "idle", "10.0.44.0/24"));
        int before = host.nodePuts().size();
        host.restart();

        await().atMost(WAIT).until(() -> host.nodePuts().size() > before);
        RequestLog.Call first = host.nodePuts().get(before);
        assertThat(sectionOf(first.bodyDocument(), POOLS)).contains(expected);
        assertThat(host.nodePuts().subList(before, host.nodePuts().size())).allSatisfy(put ->
                assertThat(sectionOf(put.bodyDocument(), POOLS)).contains(expected));
        assertThat(rest.allocations(POD, "ipv4").get("unused")).containsExactly(Map.entry("10.0.33.7", "restored-pod"));
    }

    @Test
    @DisplayName("S16: a stored address whose pool is delegated only after the restart is requested, placed when "
            + "the CIDR arrives, and its CIDR is kept")
    void deferredRestoreIsRequestedAndPlacedLater() {
        String node = "node-deferred";
        api.createCiliumNode(withAllocated(CiliumObjects.node(node), POOLS,
                entries(allocation("default", "10.0.22.0/24", "fd00:22::/96"))));
        host = KubernetesHost.builder(api, dir.resolve("deferred")).nodeName(node)
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=16")
                .stored(POD, "late", "10.0.66.9", "late-pod").start();
        HostRest rest = host.rest();

        Map<String, Object> reserved = section(entries(request("default", 16, 16), request("late", 1, 0)),
                entries(allocation("default", "10.0.22.0/24", "fd00:22::/96")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedPools(node)).contains(reserved));
        assertThat(sectionOf(host.nodePuts().get(0).bodyDocument(), POOLS)).contains(reserved);
        assertThat(rest.consumer(POD).path("deferred-restores").path("late/10.0.66.9").asString()).isEqualTo("late-pod");

        int beforeDelegation = host.nodePuts().size();
        api.editCiliumNode(node, stored -> withPoolAllocated(stored, POOLS, "late", "10.0.66.0/24"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rest.allocations(POD, "ipv4").get("late"))
                .containsExactly(Map.entry("10.0.66.9", "late-pod")));
        rest.allocate(POD, "10.0.22.5", "default", "default-pod");

        Map<String, Object> placed = section(entries(request("default", 32, 16), request("late", 1, 0)), entries(
                allocation("default", "10.0.22.0/24", "fd00:22::/96"), allocation("late", "10.0.66.0/24")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedPools(node)).contains(placed));
        assertThat(rest.consumer(POD).path("deferred-restores").size()).isZero();
        assertThat(rest.tryAllocate(POD, "10.0.66.9", "late", "intruder").status()).isEqualTo(409);
        assertThat(host.nodePuts().subList(beforeDelegation, host.nodePuts().size())).isNotEmpty().allSatisfy(put ->
                assertThat(sectionOf(put.bodyDocument(), POOLS)).get().asString().contains("10.0.66.0/24"));
    }
}
