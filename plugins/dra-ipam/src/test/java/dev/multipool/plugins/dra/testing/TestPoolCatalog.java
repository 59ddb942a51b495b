package dev.multipool.plugins.dra.testing;

import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-test {@link PoolCatalog} of CiliumResourceIPPools that a test fills and changes. */
public final class TestPoolCatalog implements PoolCatalog {

    private final Map<PoolName, PoolDefinition> pools = new ConcurrentSkipListMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean synced = true;

    /**
     * Adds or replaces a pool from its YAML-like tree and notifies listeners.
     *
     * @param resource the CiliumResourceIPPool object
     * @return this catalog
     */
    public TestPoolCatalog put(Map<String, ?> resource) {
        PoolDefinition pool = PoolDefinition.parse(PoolKind.CILIUM_RESOURCE_IP_POOL, ResourceDocument.of(resource));
        pools.put(pool.name(), pool);
        listeners.forEach(Runnable::run);
        return this;
    }

    /**
     * Marks the catalog synced or not, and notifies listeners.
     *
     * @param value whether the first listing arrived
     */
    public void synced(boolean value) {
        synced = value;
        listeners.forEach(Runnable::run);
    }

    @Override
    public PoolKind kind() {
        return PoolKind.CILIUM_RESOURCE_IP_POOL;
    }

    @Override
    public boolean isSynced() {
        return synced;
    }

    @Override
    public Optional<PoolDefinition> get(PoolName name) {
        return Optional.ofNullable(pools.get(name));
    }

    @Override
    public List<PoolDefinition> list() {
        return List.copyOf(pools.values());
    }

    @Override
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
