package dev.multipool.plugins.dra.pools;

import static dev.multipool.plugins.dra.testing.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.testkit.TestPoolCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PoolPlacementTest {

    private final TestPoolCatalog catalog = TestPoolCatalog.synced(PoolKind.CILIUM_RESOURCE_IP_POOL);
    private final PoolPlacement placement = new PoolPlacement(catalog, "worker-1",
            () -> Optional.of(Map.of("nic", "sriov", "rack", "7")));

    private PoolVerdict verdict(Map<String, Object> selector) {
        catalog.put(pool("p", "10.0.0.0/16", null, selector, Map.of()));
        return placement.evaluate(PoolName.of("p"));
    }

    @Test
    @DisplayName("D5: nil selector matches every node")
    void nilSelectorMatches() {
        assertThat(verdict(null)).isInstanceOf(PoolVerdict.Usable.class);
    }

    @Test
    @DisplayName("D5: matchLabels and matchExpressions are ANDed against the CiliumNode labels")
    void labelsAndExpressions() {
        assertThat(verdict(Map.of("matchLabels", Map.of("nic", "sriov"))).usable()).isTrue();
        assertThat(verdict(Map.of("matchLabels", Map.of("nic", "sriov", "rack", "8"))).usable()).isFalse();
        assertThat(verdict(Map.of("matchLabels", Map.of("nic", "sriov"), "matchExpressions",
                List.of(Map.of("key", "gpu", "operator", "DoesNotExist")))).usable()).isTrue();
        assertThat(verdict(Map.of("matchExpressions",
                List.of(Map.of("key", "rack", "operator", "NotIn", "values", List.of("7"))))))
                .isInstanceOf(PoolVerdict.NotForThisNode.class);
        assertThat(verdict(Map.of("matchExpressions", List.of(Map.of("key", "nic", "operator", "Exists")))).usable())
                .isTrue();
    }

    @Test
    @DisplayName("unknown pool: the verdict says whether the catalog had its first listing")
    void unknownPool() {
        assertThat(placement.evaluate(PoolName.of("none"))).isEqualTo(
                new PoolVerdict.Unknown("CiliumResourceIPPool \"none\" not found", true));
        catalog.synced(false);
        PoolVerdict loading = placement.evaluate(PoolName.of("none"));
        assertThat(((PoolVerdict.Unknown) loading).catalogSynced()).isFalse();
        assertThat(loading.message()).contains("still loading");
    }

    @Test
    @DisplayName("an invalid selector is reported, not thrown")
    void invalidSelector() {
        PoolVerdict verdict = verdict(Map.of("matchLabels", "nic=sriov"));
        assertThat(verdict).isInstanceOf(PoolVerdict.Invalid.class);
        assertThat(verdict.message()).contains("pool \"p\"").contains("spec.nodeSelector");
    }
}
