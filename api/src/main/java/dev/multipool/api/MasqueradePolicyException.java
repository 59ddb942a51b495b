package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * A {@link MasqueradePolicy} could not decide for a pool (for example, the pool object is not
 * known). The allocation fails and counts as pending demand, as in Cilium.
 */
public final class MasqueradePolicyException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the message, for example {@code IP pool 'orange' not found in stateDB table}
     * @param pool the pool
     * @throws NullPointerException if the message or the pool is null
     */
    public MasqueradePolicyException(String message, PoolName pool) {
        super(requireNonNull(message, "message is null"), requireNonNull(pool, "pool is null"), null, null, null, null);
    }
}
