package dev.multipool.plugins.pod.gate;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.Family;
import dev.multipool.api.GateDeadline;
import dev.multipool.api.GateStatus;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolName;
import dev.multipool.api.StartupGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Start-up gate {@value #NAME} (spec M48, M52): open once every pre-allocated pool has a free
 * address in every enabled family, so the first pods do not fail with "pool not ready".
 *
 * <p>Unlike Cilium's baseline, it never waits for something that cannot happen (hazards of M30):
 * <ul>
 *   <li>a pool pre-allocated with 0 is never requested, so it is not waited for;</li>
 *   <li>a pool whose CiliumPodIPPool lacks an enabled family can never get a CIDR of that family;
 *       that family is not waited for and the gate opens with a warning naming the pool and family;</li>
 *   <li>the gate has a deadline after which the host serves anyway and shows the last waiting
 *       detail as a warning (for example when no operator runs).</li>
 * </ul>
 * Pools are checked in name order, each family IPv4 then IPv6, so the waiting detail is stable.
 */
public final class CidrsPresentGate implements StartupGate {

    /** The gate's name in logs and {@code /v1/healthz}. */
    public static final String NAME = "cidrs-present";

    private final ConsumerContext context;
    private final PoolCatalog pools;
    private final List<PoolName> awaited;
    private final Duration timeout;

    /**
     * Creates the gate.
     *
     * @param context the consumer's context (families, node name and, from the first check on, its manager)
     * @param pools the CiliumPodIPPool table, to learn which families a pool offers
     * @param preAllocation spare addresses per pool; pools with 0 are not waited for
     * @param timeout how long to wait before serving anyway; zero waits forever
     */
    public CidrsPresentGate(ConsumerContext context, PoolCatalog pools, Map<PoolName, Integer> preAllocation,
                            Duration timeout) {
        this.context = requireNonNull(context, "context is null");
        this.pools = requireNonNull(pools, "pools is null");
        requireNonNull(preAllocation, "preAllocation is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        Set<PoolName> names = new TreeSet<>();
        preAllocation.forEach((pool, count) -> {
            if (count > 0) {
                names.add(pool);
            }
        });
        this.awaited = List.copyOf(names);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GateStatus check() {
        ConsumerIpam ipam = context.ipam();
        List<String> missing = new ArrayList<>();
        List<String> unoffered = new ArrayList<>();
        for (PoolName pool : awaited) {
            Optional<PoolDefinition> definition = pools.isSynced() ? pools.get(pool) : Optional.empty();
            for (Family family : Family.values()) {
                if (!context.enabledFamilies().contains(family)) {
                    continue;
                }
                if (definition.isPresent() && definition.get().family(family).isEmpty()) {
                    unoffered.add("pool '" + pool + "' offers no " + family + " (its CiliumPodIPPool has no spec."
                            + family.wireName() + "): not waiting for " + family + " CIDRs of it, and " + family
                            + " allocations from it will fail");
                } else if (!ipam.hasFreeAddress(pool, family)) {
                    missing.add(describeMissing(pool, family, definition));
                }
            }
        }
        if (!missing.isEmpty()) {
            // the notes on families that are not waited for stay in the detail: at the deadline the host turns
            // the last detail into the consumer's warning, and they must not be lost then
            return GateStatus.waiting("waiting for a CIDR of each pre-allocated pool on node '" + context.nodeName()
                    + "': " + String.join("; ", missing)
                    + " (check that the operator runs and delegates CIDRs of these pools to this node)"
                    + (unoffered.isEmpty() ? "" : "; " + String.join("; ", unoffered)));
        }
        return unoffered.isEmpty() ? GateStatus.open() : GateStatus.openWithWarning(String.join("; ", unoffered));
    }

    private String describeMissing(PoolName pool, Family family, Optional<PoolDefinition> definition) {
        String text = "pool '" + pool + "' has no free " + family + " address";
        if (definition.isEmpty() && pools.isSynced()) {
            text += " (no CiliumPodIPPool '" + pool + "' exists)";
        }
        return text;
    }

    @Override
    public GateDeadline deadline() {
        return timeout.isZero() ? GateDeadline.none() : GateDeadline.proceedAfter(timeout);
    }
}
