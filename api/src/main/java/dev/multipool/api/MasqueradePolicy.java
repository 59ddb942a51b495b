package dev.multipool.api;

/**
 * Decides whether addresses of a pool skip masquerading. The answer travels with every
 * next-address allocation ({@code skip-masquerade} in the REST response).
 */
@FunctionalInterface
public interface MasqueradePolicy {

    /** The policy of a consumer that never skips masquerading. */
    MasqueradePolicy NEVER = pool -> false;

    /**
     * Returns whether addresses of the pool skip masquerading. Called under no lock; must not block
     * on I/O (answer from an in-memory table).
     *
     * @param pool the pool an address is about to be taken from
     * @return true to skip masquerading
     * @throws MasqueradePolicyException if the policy cannot decide; the allocation then fails and
     *     counts as pending demand
     */
    boolean skipMasquerade(PoolName pool);
}
