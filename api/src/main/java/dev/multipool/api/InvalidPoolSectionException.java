package dev.multipool.api;

/**
 * A node resource holds a pool section that cannot be read (an invalid CIDR, pool name or count).
 * The host ignores the whole update, reports the error, and keeps the state it had.
 */
public final class InvalidPoolSectionException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong and where, for example {@code spec.ipam.pools.allocated[0].cidrs[1]: invalid CIDR "10.0.0.0/33" (pool "default")}
     * @param pool the pool of the bad entry, or null
     */
    public InvalidPoolSectionException(String message, PoolName pool) {
        super(message, pool, null, null, null, null);
    }
}
