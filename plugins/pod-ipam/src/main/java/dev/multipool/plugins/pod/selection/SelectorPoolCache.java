package dev.multipool.plugins.pod.selection;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.BackgroundTask;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.Subscription;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps {@link SelectorPools} compiled from the pool table and recompiles them only after the table
 * changed. As a {@link BackgroundTask} it follows the table's change events; before it is started
 * (or after it is closed) every call compiles afresh, which is correct, only slower. Thread-safe:
 * a caller always gets pools compiled from a table at least as new as the last change it could see.
 */
public final class SelectorPoolCache implements BackgroundTask {

    private record Compiled(long version, SelectorPools pools) {
    }

    private final PoolCatalog catalog;
    private final AtomicLong changes = new AtomicLong();
    private volatile Compiled compiled;
    private volatile Subscription subscription;

    /**
     * Creates the cache.
     *
     * @param catalog the CiliumPodIPPool table
     */
    public SelectorPoolCache(PoolCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public String name() {
        return "pod-pool-selectors";
    }

    @Override
    public synchronized void start() {
        if (subscription == null) {
            changes.incrementAndGet();
            subscription = catalog.onChange(changes::incrementAndGet);
        }
    }

    /**
     * Returns the pools compiled from the current table.
     *
     * @return the compiled pools
     */
    public SelectorPools current() {
        if (subscription == null) {
            return SelectorPools.compile(catalog.list());
        }
        long version = changes.get();
        Compiled current = compiled;
        if (current == null || current.version() != version) {
            current = new Compiled(version, SelectorPools.compile(catalog.list()));
            compiled = current;
        }
        return current.pools();
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
            compiled = null;
        }
    }
}
