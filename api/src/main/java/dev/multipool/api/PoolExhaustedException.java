package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/** Every delegated CIDR of the pool and family is full (or marked removed). Retryable. */
public final class PoolExhaustedException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param pool the pool
     * @param family the family
     * @param owner the owner that asked, or null
     * @throws NullPointerException if the pool or the family is null
     */
    public PoolExhaustedException(PoolName pool, Family family, String owner) {
        super("unable to allocate from pool \"" + requireNonNull(pool, "pool is null") + "\" (family "
                + requireNonNull(family, "family is null") + "): all CIDR ranges are exhausted",
                pool, family, null, owner, null);
    }
}
