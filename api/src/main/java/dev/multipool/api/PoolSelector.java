package dev.multipool.api;

/**
 * Chooses the pool for a next-address request that names none. Pod IPAM uses pod and namespace
 * annotations and pool selectors; a consumer without a selector requires callers to name the pool.
 */
@FunctionalInterface
public interface PoolSelector {

    /**
     * Chooses a pool. Called once per family of a request, outside the manager's lock; may read
     * in-memory caches but must not block on I/O.
     *
     * @param request the owner and family
     * @return the pool to allocate from
     * @throws PoolSelectionException if no pool can be chosen; the request fails with 502
     */
    PoolName select(SelectionRequest request);
}
