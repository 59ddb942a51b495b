package dev.multipool.testkit;

import static dev.multipool.api.PoolKind.CILIUM_POD_IP_POOL;
import static dev.multipool.api.PoolKind.CILIUM_RESOURCE_IP_POOL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Family;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pool catalog fixture: content, sync state and change notifications as the host's catalogs give them. */
class TestPoolCatalogTest {

    private static ResourceDocument object(PoolKind kind, String name, String ipv4) {
        return ResourceDocument.of(Map.of("apiVersion", kind.apiVersion(), "kind", kind.kind(),
                "metadata", Map.of("name", name),
                "spec", Map.of("ipv4", Map.of("cidrs", List.of(ipv4), "maskSize", 24L))));
    }

    private static PoolDefinition pool(PoolKind kind, String name, String ipv4) {
        return PoolDefinition.parse(kind, object(kind, name, ipv4));
    }

    @Test
    @DisplayName("a new catalog is empty and not synced until the test says so; the sync is a change listeners hear")
    void newCatalogIsLoading() {
        TestPoolCatalog catalog = new TestPoolCatalog(CILIUM_POD_IP_POOL);
        List<Boolean> heard = new ArrayList<>();
        catalog.onChange(() -> heard.add(catalog.isSynced()));

        assertThat(catalog.isSynced()).isFalse();
        assertThat(catalog.list()).isEmpty();

        catalog.synced(true);

        assertThat(catalog.isSynced()).isTrue();
        assertThat(heard).containsExactly(true);
    }

    @Test
    @DisplayName("synced(kind, pools) holds the pools sorted by name, and refuses a pool of another kind or a name twice")
    void syncedWithPools() {
        TestPoolCatalog catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL,
                pool(CILIUM_POD_IP_POOL, "mars", "10.1.0.0/16"), pool(CILIUM_POD_IP_POOL, "default", "10.0.0.0/16"));

        assertThat(catalog.isSynced()).isTrue();
        assertThat(catalog.kind()).isEqualTo(CILIUM_POD_IP_POOL);
        assertThat(catalog.list()).extracting(PoolDefinition::name).containsExactly(PoolName.of("default"), PoolName.of("mars"));
        assertThat(catalog.get(PoolName.of("mars")).orElseThrow().family(Family.IPV4)).isPresent();
        assertThat(catalog.get(PoolName.of("venus"))).isEmpty();
        assertThatThrownBy(() -> TestPoolCatalog.synced(CILIUM_POD_IP_POOL, pool(CILIUM_RESOURCE_IP_POOL, "nic", "10.2.0.0/16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool \"nic\" is a CiliumResourceIPPool, not a CiliumPodIPPool");
        assertThatThrownBy(() -> TestPoolCatalog.synced(CILIUM_POD_IP_POOL,
                pool(CILIUM_POD_IP_POOL, "a", "10.0.0.0/16"), pool(CILIUM_POD_IP_POOL, "a", "10.1.0.0/16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool \"a\"").hasMessageContaining("defined twice");
    }

    @Test
    @DisplayName("put adds or replaces by name, and listeners already see the new content when they are called")
    void putNotifiesAfterTheChange() {
        TestPoolCatalog catalog = TestPoolCatalog.synced(CILIUM_RESOURCE_IP_POOL);
        List<String> seen = new ArrayList<>();
        catalog.onChange(() -> seen.add(catalog.get(PoolName.of("nic")).map(pool -> pool.family(Family.IPV4)
                .orElseThrow().cidrs().toString()).orElse("absent")));

        catalog.put(object(CILIUM_RESOURCE_IP_POOL, "nic", "10.1.0.0/16"));
        catalog.put(pool(CILIUM_RESOURCE_IP_POOL, "nic", "10.9.0.0/16"));

        assertThat(seen).containsExactly("[10.1.0.0/16]", "[10.9.0.0/16]");
        assertThat(catalog.list()).hasSize(1);
    }

    @Test
    @DisplayName("a bad object or a pool of another kind is refused: the catalog is unchanged and nobody is told")
    void badInputChangesNothing() {
        TestPoolCatalog catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL, pool(CILIUM_POD_IP_POOL, "default", "10.0.0.0/16"));
        List<String> heard = new ArrayList<>();
        catalog.onChange(() -> heard.add("change"));

        assertThatThrownBy(() -> catalog.put(object(CILIUM_POD_IP_POOL, "Bad_Name", "10.1.0.0/16")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> catalog.put(pool(CILIUM_RESOURCE_IP_POOL, "other", "10.2.0.0/16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool \"other\"");

        assertThat(catalog.list()).extracting(PoolDefinition::name).containsExactly(PoolName.of("default"));
        assertThat(heard).isEmpty();
    }

    @Test
    @DisplayName("remove and a return to 'loading' are changes too; a closed subscription hears nothing more")
    void removeAndUnsubscribe() {
        TestPoolCatalog catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL, pool(CILIUM_POD_IP_POOL, "blue", "10.0.0.0/16"));
        List<Integer> sizes = new ArrayList<>();
        Subscription subscription = catalog.onChange(() -> sizes.add(catalog.list().size()));
        assertThat(catalog.listenerCount()).isEqualTo(1);

        catalog.remove("blue");
        catalog.synced(false);
        subscription.close();
        catalog.put(pool(CILIUM_POD_IP_POOL, "red", "10.1.0.0/16"));

        assertThat(sizes).containsExactly(0, 0);
        assertThat(catalog.isSynced()).isFalse();
        assertThat(catalog.listenerCount()).isZero();
        assertThat(catalog.get(PoolName.of("red"))).isPresent();
    }
}
