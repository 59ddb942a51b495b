package dev.multipool.plugins.pod.masquerade;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.MasqueradePolicy;
import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolName;

/**
 * Cilium's pod masquerade policy (spec P4): with {@code --only-masquerade-default-pool} every pool
 * but the default one skips masquerading without a lookup; otherwise a pool skips masquerading
 * exactly when its CiliumPodIPPool carries {@code ipam.cilium.io/skip-masquerade: "true"}. A pool
 * that is not in the pool table cannot be decided: the allocation fails and counts as pending, as in
 * Cilium (S39).
 */
public final class PodMasqueradePolicy implements MasqueradePolicy {

    private final PoolCatalog pools;
    private final PoolName defaultPool;
    private final boolean onlyMasqueradeDefaultPool;

    /**
     * Creates the policy.
     *
     * @param pools the CiliumPodIPPool table
     * @param defaultPool the default pool
     * @param onlyMasqueradeDefaultPool the value of {@code --only-masquerade-default-pool}
     */
    public PodMasqueradePolicy(PoolCatalog pools, PoolName defaultPool, boolean onlyMasqueradeDefaultPool) {
        this.pools = requireNonNull(pools, "pools is null");
        this.defaultPool = requireNonNull(defaultPool, "defaultPool is null");
        this.onlyMasqueradeDefaultPool = onlyMasqueradeDefaultPool;
    }

    @Override
    public boolean skipMasquerade(PoolName pool) {
        requireNonNull(pool, "pool is null");
        if (onlyMasqueradeDefaultPool && !pool.equals(defaultPool)) {
            return true;
        }
        PoolDefinition definition = pools.get(pool).orElseThrow(() ->
                new MasqueradePolicyException("IP pool '" + pool + "' not found in stateDB table", pool));
        return definition.skipMasqueradeAnnotated();
    }
}
