package dev.multipool.plugins.dra.pools;

import static dev.multipool.plugins.dra.testing.Pools.node;
import static dev.multipool.plugins.dra.testing.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.ResourceDocument;
import dev.multipool.testkit.TestPoolCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DraMasqueradePolicyTest {

    private final TestPoolCatalog catalog = TestPoolCatalog.synced(PoolKind.CILIUM_RESOURCE_IP_POOL);
    private final AtomicReference<Map<String, String>> labels = new AtomicReference<>(Map.of("nic", "sriov"));
    private final DraMasqueradePolicy policy = new DraMasqueradePolicy(
            new PoolPlacement(catalog, "worker-1", () -> Optional.ofNullable(labels.get())));

    @Test
    @DisplayName("7.2: skip-masquerade only for a pool annotated ipam.cilium.io/skip-masquerade: \"true\"")
    void skipsOnlyAnnotatedPools() {
        catalog.put(pool("skipping", "10.1.0.0/16", null, null, Map.of("ipam.cilium.io/skip-masquerade", "true")));
        catalog.put(pool("other-value", "10.2.0.0/16", null, null, Map.of("ipam.cilium.io/skip-masquerade", "yes")));
        catalog.put(pool("plain", "10.3.0.0/16", null));

        assertThat(policy.skipMasquerade(PoolName.of("skipping"))).isTrue();
        assertThat(policy.skipMasquerade(PoolName.of("other-value"))).isFalse();
        assertThat(policy.skipMasquerade(PoolName.of("plain"))).isFalse();
    }

    @Test
    @DisplayName("D2: a pool the catalog does not know answers false, like Cilium's DRA manager without a policy")
    void unknownPoolIsNotAnError() {
        assertThat(policy.skipMasquerade(PoolName.of("nowhere"))).isFalse();
    }

    @Test
    @DisplayName("D5: a pool whose nodeSelector does not select this node is refused, naming pool, node and selector")
    void refusesPoolNotSelectingThisNode() {
        catalog.put(pool("gpu-net", "10.4.0.0/16", null, Map.of("matchLabels", Map.of("nic", "mellanox")), Map.of()));

        assertThatThrownBy(() -> policy.skipMasquerade(PoolName.of("gpu-net")))
                .isInstanceOf(MasqueradePolicyException.class)
                .hasMessageContaining("pool \"gpu-net\"")
                .hasMessageContaining("node \"worker-1\"")
                .hasMessageContaining("nic=mellanox")
                .satisfies(e -> assertThat(((MasqueradePolicyException) e).pool()).contains(PoolName.of("gpu-net")));
    }

    @Test
    @DisplayName("D5: a selecting nodeSelector, an empty one and a missing one all allow the pool")
    void selectingEmptyAndMissingSelectorsAllow() {
        catalog.put(pool("sriov-a", "10.5.0.0/16", null, Map.of("matchExpressions",
                List.of(Map.of("key", "nic", "operator", "In", "values", List.of("sriov", "dpdk")))), Map.of()));
        catalog.put(pool("empty-selector", "10.6.0.0/16", null, Map.of(), Map.of()));
        catalog.put(pool("no-selector", "10.7.0.0/16", null));

        assertThat(policy.skipMasquerade(PoolName.of("sriov-a"))).isFalse();
        assertThat(policy.skipMasquerade(PoolName.of("empty-selector"))).isFalse();
        assertThat(policy.skipMasquerade(PoolName.of("no-selector"))).isFalse();
    }

    @Test
    @DisplayName("D5: the node's labels are read at every call, so a relabelled node changes the answer")
    void followsNodeLabels() {
        catalog.put(pool("sriov-a", "10.5.0.0/16", null, Map.of("matchLabels", Map.of("nic", "sriov")), Map.of()));
        assertThat(policy.skipMasquerade(PoolName.of("sriov-a"))).isFalse();

        labels.set(Map.of("nic", "none"));
        assertThatThrownBy(() -> policy.skipMasquerade(PoolName.of("sriov-a"))).isInstanceOf(MasqueradePolicyException.class);

        labels.set(null);
        assertThatThrownBy(() -> policy.skipMasquerade(PoolName.of("sriov-a")))
                .isInstanceOf(MasqueradePolicyException.class)
                .hasMessageContaining("has not been seen yet");
    }

    @Test
    @DisplayName("an unreadable nodeSelector refuses the pool with the parser's reason")
    void invalidSelectorRefuses() {
        catalog.put(pool("broken", "10.8.0.0/16", null, Map.of("matchExpressions",
                List.of(Map.of("key", "nic", "operator", "Near"))), Map.of()));

        assertThatThrownBy(() -> policy.skipMasquerade(PoolName.of("broken")))
                .isInstanceOf(MasqueradePolicyException.class)
                .hasMessageContaining("pool \"broken\"")
                .hasMessageContaining("Near");
    }

    @Test
    @DisplayName("node labels come from the CiliumNode's metadata.labels")
    void labelsOfTheCiliumNode() {
        ResourceDocument ciliumNode = node("worker-1", Map.of("nic", "sriov", "zone", "a"));
        assertThat(ciliumNode.labels()).containsEntry("nic", "sriov");
    }
}
