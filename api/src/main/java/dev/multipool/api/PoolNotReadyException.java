package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * The node holds no delegated CIDR of this family for this pool right now: none has arrived yet,
 * or all were given back. Retryable; the failed attempt has already raised the pool's demand.
 * Cilium calls this {@code ErrPoolNotReadyYet}.
 */
public final class PoolNotReadyException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error for a next-address allocation.
     *
     * @param pool the pool
     * @param family the family
     * @param owner the owner that asked, or null
     * @throws NullPointerException if the pool or the family is null
     */
    public PoolNotReadyException(PoolName pool, Family family, String owner) {
        super("unable to allocate from pool \"" + requireNonNull(pool, "pool is null") + "\" (family "
                + requireNonNull(family, "family is null") + "): pool not (yet) available",
                pool, family, null, owner, null);
    }

    /**
     * Creates the error for a specific-address allocation.
     *
     * @param pool the pool
     * @param family the family
     * @param address the address that was asked for
     * @param owner the owner that asked, or null
     * @throws NullPointerException if the pool, the family or the address is null
     */
    public PoolNotReadyException(PoolName pool, Family family, IpAddress address, String owner) {
        super("unable to reserve IP " + requireNonNull(address, "address is null") + " from pool \""
                + requireNonNull(pool, "pool is null") + "\" (family " + requireNonNull(family, "family is null")
                + "): pool not (yet) available", pool, family, address, owner, null);
    }
}
