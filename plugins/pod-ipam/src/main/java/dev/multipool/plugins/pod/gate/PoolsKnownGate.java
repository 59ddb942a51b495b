package dev.multipool.plugins.pod.gate;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.GateStatus;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolName;
import dev.multipool.api.StartupGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Start-up gate {@value #NAME} (spec P2): wait, best effort, until every pool named in the
 * pre-allocation option is in the CiliumPodIPPool table, so the masquerade lookup (P4) succeeds
 * for them.
 *
 * <p>Pools are waited for one after the other in name order (Cilium uses map order), each for at
 * most {@link #PER_POOL_TIMEOUT} by default, counted from when its turn starts. Deviation from
 * Cilium, on purpose: Cilium abandons the whole wait at the first pool that times out; this gate
 * <b>checks every pool</b>, so one missing pool does not hide another. When all pools are found or
 * have had their turn, the gate opens; pools still missing then are named in a warning. The gate
 * bounds itself, so it needs no host deadline; pools pre-allocated with 0 are waited for too, since
 * naming them announces that pods will use them.
 */
public final class PoolsKnownGate implements StartupGate {

    /** The gate's name in logs and {@code /v1/healthz}. */
    public static final String NAME = "pools-known";

    /** Cilium's wait per pool. */
    public static final Duration PER_POOL_TIMEOUT = Duration.ofMinutes(1);

    private final PoolCatalog pools;
    private final List<PoolName> awaited;
    private final Clock clock;
    private final Duration perPool;

    private int next;
    private Instant turnStarted;

    /**
     * Creates the gate.
     *
     * @param pools the CiliumPodIPPool table
     * @param preAllocated the pools named in the pre-allocation option
     * @param clock the host's clock
     * @param perPool how long each pool may take
     */
    public PoolsKnownGate(PoolCatalog pools, Collection<PoolName> preAllocated, Clock clock, Duration perPool) {
        this.pools = requireNonNull(pools, "pools is null");
        this.awaited = List.copyOf(new TreeSet<>(requireNonNull(preAllocated, "preAllocated is null")));
        this.clock = requireNonNull(clock, "clock is null");
        this.perPool = requireNonNull(perPool, "perPool is null");
        if (perPool.isNegative() || perPool.isZero()) {
            throw new IllegalArgumentException("perPool must be positive: " + perPool);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized GateStatus check() {
        Instant now = clock.instant();
        if (turnStarted == null) {
            turnStarted = now;
        }
        while (next < awaited.size()) {
            PoolName pool = awaited.get(next);
            Duration waited = Duration.between(turnStarted, now);
            if (!known(pool) && waited.compareTo(perPool) < 0) {
                return GateStatus.waiting("waiting for pre-allocated pool '" + pool + "' in the CiliumPodIPPool table"
                        + " (waited " + seconds(waited) + " of " + seconds(perPool)
                        + "; check that the CiliumPodIPPool exists and the pool informer is synced)");
            }
            next++;
            turnStarted = now;
        }
        List<PoolName> stillMissing = new ArrayList<>();
        for (PoolName pool : awaited) {
            if (!known(pool)) {
                stillMissing.add(pool);
            }
        }
        if (stillMissing.isEmpty()) {
            return GateStatus.open();
        }
        return GateStatus.openWithWarning("pre-allocated pools not in the CiliumPodIPPool table after waiting "
                + seconds(perPool) + " each: " + stillMissing
                + "; next-address allocations from them fail until their CiliumPodIPPool appears");
    }

    private boolean known(PoolName pool) {
        return pools.get(pool).isPresent();
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
