package dev.multipool.plugins.pod.support;

import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-test pool table (our own SPI interface) that the test fills and syncs by hand. */
public final class TestPoolCatalog implements PoolCatalog {

    private final Map<PoolName, PoolDefinition> pools = new ConcurrentSkipListMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean synced;

    /**
     * Returns a synced catalog holding the pools.
     *
     * @param definitions the pools
     * @return the catalog
     */
    public static TestPoolCatalog syncedWith(PoolDefinition... definitions) {
        TestPoolCatalog catalog = new TestPoolCatalog();
        for (PoolDefinition definition : definitions) {
            catalog.pools.put(definition.name(), definition);
        }
        catalog.synced = true;
        return catalog;
    }

    /**
     * Adds or replaces a pool and tells the listeners.
     *
     * @param definition the pool
     */
    public void upsert(PoolDefinition definition) {
        pools.put(definition.name(), definition);
        listeners.forEach(Runnable::run);
    }

    /**
     * Removes a pool and tells the listeners.
     *
     * @param name the pool
     */
    public void delete(String name) {
        pools.remove(PoolName.of(name));
        listeners.forEach(Runnable::run);
    }

    /** Marks the first full listing as arrived and tells the listeners. */
    public void markSynced() {
        synced = true;
        listeners.forEach(Runnable::run);
    }

    /**
     * Returns how many listeners are registered.
     *
     * @return the count
     */
    public int listenerCount() {
        return listeners.size();
    }

    @Override
    public PoolKind kind() {
        return PoolKind.CILIUM_POD_IP_POOL;
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
