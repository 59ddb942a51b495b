package dev.multipool.plugins.dra.pools;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.Family;
import dev.multipool.api.GateDeadline;
import dev.multipool.api.GateStatus;
import dev.multipool.api.PoolName;
import dev.multipool.api.StartupGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The {@code cidrs-present} gate (spec M48, M51, M52): every pre-allocated pool has a free address
 * in every enabled family before the consumer serves requests. With no pre-allocation (the default
 * for DRA) it opens at once.
 *
 * <p>It does not wait for what can never come: a pool whose definition offers no address of an
 * enabled family, or whose node selector does not select this node, is skipped and named in a
 * warning. A pool the catalog does not know is waited for, because it may still be created. Pools
 * are checked in name order, so the reported wait is stable. At the deadline the host proceeds and
 * shows the last detail as a warning.
 */
public final class CidrsPresentGate implements StartupGate {

    /** The gate's name in logs and status. */
    public static final String NAME = "cidrs-present";

    /** How long the gate waits before the host proceeds with a warning (Cilium's per-round timeout). */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(3);

    private final Set<PoolName> pools;
    private final Set<Family> families;
    private final PoolPlacement placement;
    private final Supplier<ConsumerIpam> ipam;
    private final String nodeName;
    private final GateDeadline deadline;

    /**
     * Creates the gate.
     *
     * @param preAllocation the pre-allocated pools
     * @param families the enabled families
     * @param placement the pool/node check
     * @param ipam the consumer's manager, fetched on first check (it is not usable earlier)
     * @param nodeName this node's name, for messages
     * @param deadline how long to wait before proceeding with a warning
     */
    public CidrsPresentGate(Map<PoolName, Integer> preAllocation, Set<Family> families, PoolPlacement placement,
                            Supplier<ConsumerIpam> ipam, String nodeName, Duration deadline) {
        this.pools = new TreeSet<>(requireNonNull(preAllocation, "preAllocation is null").keySet());
        this.families = families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families);
        this.placement = requireNonNull(placement, "placement is null");
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
        this.deadline = GateDeadline.proceedAfter(requireNonNull(deadline, "deadline is null"));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GateStatus check() {
        List<String> warnings = new ArrayList<>();
        for (PoolName pool : pools) {
            PoolVerdict verdict = placement.evaluate(pool);
            if (verdict instanceof PoolVerdict.NotForThisNode || verdict instanceof PoolVerdict.Invalid) {
                warnings.add("pre-allocated pool \"" + pool + "\" is not waited for: " + verdict.message());
                continue;
            }
            for (Family family : families) {
                if (verdict instanceof PoolVerdict.Usable usable && usable.pool().family(family).isEmpty()) {
                    warnings.add("pre-allocated pool \"" + pool + "\" offers no " + family
                            + " addresses (spec." + family.wireName() + " is unset): not waiting for " + family);
                    continue;
                }
                if (!ipam.get().hasFreeAddress(pool, family)) {
                    String unknown = verdict instanceof PoolVerdict.Unknown ? " (" + verdict.message() + ")" : "";
                    return GateStatus.waiting("waiting for cidr pool \"" + pool + "\" (family " + family
                            + ") to have a free address on node \"" + nodeName + "\"" + unknown
                            + "; check that the operator delegates a CIDR of this pool to the node");
                }
            }
        }
        return warnings.isEmpty() ? GateStatus.open() : GateStatus.openWithWarning(String.join("; ", warnings));
    }

    @Override
    public GateDeadline deadline() {
        return deadline;
    }
}
