package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a section's {@code requested} list: the demand of this node for one pool.
 *
 * @param pool the pool
 * @param needed the addresses wanted per family
 */
public record PoolRequest(PoolName pool, PoolDemand needed) {

    /** Validates that both parts are present. */
    public PoolRequest {
        requireNonNull(pool, "pool is null");
        requireNonNull(needed, "needed is null");
    }
}
