package dev.multipool.api;

import java.util.List;
import java.util.Optional;

/**
 * The host's synced, in-memory copy of the pool objects of one {@link PoolKind}: from an informer
 * in Kubernetes mode, from the pool file in standalone mode. Objects that cannot be parsed are
 * left out and reported by the host.
 */
public interface PoolCatalog {

    /**
     * Returns the kind this catalog holds.
     *
     * @return the kind
     */
    PoolKind kind();

    /**
     * Returns whether the first full listing has arrived. Before that, an absent pool may still
     * exist.
     *
     * @return true once synced
     */
    boolean isSynced();

    /**
     * Returns one pool.
     *
     * @param name the pool name
     * @return the pool, if known
     */
    Optional<PoolDefinition> get(PoolName name);

    /**
     * Returns every known pool, sorted by name.
     *
     * @return a snapshot
     */
    List<PoolDefinition> list();

    /**
     * Registers a listener called (on a host thread, without locks held) after every change,
     * including the first sync.
     *
     * @param listener the listener; must not block
     * @return the registration
     */
    Subscription onChange(Runnable listener);
}
