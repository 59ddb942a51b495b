package dev.multipool.plugins.dra.pools;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.MasqueradePolicy;
import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.PoolName;

/**
 * The {@code dra} consumer's masquerade policy, which doubles as its node-selector guard.
 *
 * <p>Skip-masquerade is true only for a pool annotated {@code ipam.cilium.io/skip-masquerade:
 * "true"}; everything else, including a pool the catalog does not know (Cilium's DRA manager has
 * no policy at all, spec D2), answers false.
 *
 * <p>The manager consults the policy on every next-address allocation once the pool holds a CIDR on
 * this node (spec M15, step 2), for REST callers and the claim controller alike. A known pool whose
 * {@code spec.nodeSelector} does not select this node is refused here with a
 * {@link MasqueradePolicyException} naming pool, node and selector, so no address of it is handed
 * out on this node. Specific-address allocations do not consult the policy (spec M16); the claim
 * controller checks the selector itself before it allocates anything.
 */
public final class DraMasqueradePolicy implements MasqueradePolicy {

    private final PoolPlacement placement;

    /**
     * Creates the policy.
     *
     * @param placement the pool/node check
     */
    public DraMasqueradePolicy(PoolPlacement placement) {
        this.placement = requireNonNull(placement, "placement is null");
    }

    @Override
    public boolean skipMasquerade(PoolName pool) {
        PoolVerdict verdict = placement.evaluate(pool);
        if (verdict instanceof PoolVerdict.Usable usable) {
            return usable.pool().skipMasqueradeAnnotated();
        }
        if (verdict instanceof PoolVerdict.Unknown) {
            return false;
        }
        // not for this node, unreadable selector, or a selector that cannot be checked yet
        throw new MasqueradePolicyException(verdict.message(), pool);
    }
}
