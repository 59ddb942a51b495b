package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import dev.multipool.host.pools.StaticPoolCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link PoolCatalog} of one pool kind that the test fills and changes, in place of the host's
 * informer (Kubernetes mode) or pool file (standalone mode). Every change, including the first
 * sync, calls the listeners on the test's thread before the change method returns, after the new
 * content is visible; so a test can change a pool and check the consumer's reaction on the next
 * line. Reads are safe from any thread.
 *
 * <p>A new catalog is empty and not synced, as the host's is before its first listing; use
 * {@link #synced(PoolKind, PoolDefinition...)} for one that has its pools already.
 */
public final class TestPoolCatalog implements PoolCatalog {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile StaticPoolCatalog content;
    private volatile boolean synced;

    /**
     * Creates an empty catalog that has not synced yet.
     *
     * @param kind the pool kind it holds
     */
    public TestPoolCatalog(PoolKind kind) {
        this.content = new StaticPoolCatalog(requireNonNull(kind, "kind is null"), List.of());
    }

    /**
     * Creates a synced catalog holding some pools.
     *
     * @param kind the pool kind
     * @param pools the pools, all of that kind, each name once
     * @return the catalog
     * @throws IllegalArgumentException if a pool is of another kind or a name is given twice
     */
    public static TestPoolCatalog synced(PoolKind kind, PoolDefinition... pools) {
        TestPoolCatalog catalog = new TestPoolCatalog(kind);
        catalog.content = new StaticPoolCatalog(kind, List.of(pools));
        catalog.synced = true;
        return catalog;
    }

    /**
     * Adds a pool, or replaces the pool of the same name, and tells the listeners.
     *
     * @param pool the pool
     * @return this catalog
     * @throws IllegalArgumentException if the pool is of another kind; the catalog is unchanged
     */
    public TestPoolCatalog put(PoolDefinition pool) {
        requireNonNull(pool, "pool is null");
        change(pools -> {
            pools.removeIf(held -> held.name().equals(pool.name()));
            pools.add(pool);
        });
        return this;
    }

    /**
     * Parses a pool object as the host's catalog does (for the catalog's kind), then adds or
     * replaces it and tells the listeners.
     *
     * @param object the pool object, for example a {@code CiliumPodIPPool} as stored on an API
     *     server
     * @return this catalog
     * @throws IllegalArgumentException if the object is not a valid pool; the catalog is unchanged
     */
    public TestPoolCatalog put(ResourceDocument object) {
        return put(PoolDefinition.parse(kind(), requireNonNull(object, "object is null")));
    }

    /**
     * Removes a pool, if present, and tells the listeners.
     *
     * @param name the pool name
     * @return this catalog
     */
    public TestPoolCatalog remove(String name) {
        PoolName pool = PoolName.of(name);
        change(pools -> pools.removeIf(held -> held.name().equals(pool)));
        return this;
    }

    /**
     * Sets whether the first full listing has arrived, and tells the listeners.
     *
     * @param value true once synced; false to show a catalog that is (again) loading
     * @return this catalog
     */
    public TestPoolCatalog synced(boolean value) {
        synchronized (this) {
            synced = value;
        }
        notifyListeners();
        return this;
    }

    /**
     * Returns how many listeners are registered and not yet cancelled, to check that the code
     * under test cancels its subscriptions.
     *
     * @return the count
     */
    public int listenerCount() {
        return listeners.size();
    }

    private void change(Consumer<List<PoolDefinition>> edit) {
        synchronized (this) {
            List<PoolDefinition> pools = new ArrayList<>(content.list());
            edit.accept(pools);
            content = new StaticPoolCatalog(content.kind(), pools);
        }
        notifyListeners();
    }

    private void notifyListeners() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public PoolKind kind() {
        return content.kind();
    }

    /** {@inheritDoc} The content is a snapshot replaced as a whole on every change. */
    @Override
    public List<PoolDefinition> list() {
        return content.list();
    }

    @Override
    public Optional<PoolDefinition> get(PoolName name) {
        return content.get(name);
    }

    @Override
    public boolean isSynced() {
        return synced;
    }

    @Override
    public Subscription onChange(Runnable listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
        return () -> listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "TestPoolCatalog[" + kind().kind() + (synced ? ", synced" : ", not synced") + ": "
                + list().stream().map(pool -> pool.name().toString()).toList() + "]";
    }
}
