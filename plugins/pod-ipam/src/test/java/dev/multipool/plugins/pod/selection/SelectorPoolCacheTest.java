package dev.multipool.plugins.pod.selection;

import static dev.multipool.api.PoolKind.CILIUM_POD_IP_POOL;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.PoolName;
import dev.multipool.testkit.TestPoolCatalog;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The compiled selector pools follow the pool table. */
class SelectorPoolCacheTest {

    @Test
    @DisplayName("P7: compiled once per table change, recompiled after a change, unsubscribed on close")
    void p7FollowsTheTable() {
        var catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL, pool("a").ipv4("10.1.0.0/16", 24).podSelector(Map.of()).build());
        var cache = new SelectorPoolCache(catalog);
        cache.start();

        SelectorPools first = cache.current();
        assertThat(cache.current()).isSameAs(first);
        assertThat(first.pools()).extracting(SelectorPool::name).containsExactly(PoolName.of("a"));

        catalog.put(pool("b").ipv6("fd01::/104", 120).namespaceSelector(Map.of()).build());
        SelectorPools second = cache.current();
        assertThat(second).isNotSameAs(first);
        assertThat(second.pools()).extracting(SelectorPool::name).containsExactly(PoolName.of("a"), PoolName.of("b"));

        cache.close();
        assertThat(catalog.listenerCount()).isZero();
    }

    @Test
    @DisplayName("P7: without start, every call reads the current table")
    void p7UnstartedReadsAfresh() {
        var catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL);
        var cache = new SelectorPoolCache(catalog);
        assertThat(cache.current().pools()).isEmpty();

        catalog.put(pool("a").ipv4("10.1.0.0/16", 24).podSelector(Map.of()).build());

        assertThat(cache.current().pools()).hasSize(1);
    }
}
