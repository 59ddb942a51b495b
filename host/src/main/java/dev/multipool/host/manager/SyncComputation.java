package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.DemandMode;
import dev.multipool.api.Family;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolRequest;
import dev.multipool.api.PoolSection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One sync pass without the I/O (spec M32 steps 4–7): computes the demand, gives back excess
 * CIDRs of the families whose restore finished, forgets pools left without CIDRs and builds the
 * complete section to write. Runs under the manager's lock; pending entries are already expired.
 */
final class SyncComputation {

    private static final Comparator<Cidr> AS_STRINGS = Comparator.comparing(Cidr::toString);

    private final PoolTable pools;
    private final PendingAllocations pending;
    private final DeferredRestores deferred;
    private final Map<PoolName, Integer> preAllocation;
    private final DemandMode mode;
    private final Set<Family> enabled;
    private final ManagerEvents events;

    SyncComputation(PoolTable pools, PendingAllocations pending, DeferredRestores deferred, ManagerParams params,
                    ManagerEvents events) {
        this.pools = requireNonNull(pools, "pools is null");
        this.pending = requireNonNull(pending, "pending is null");
        this.deferred = requireNonNull(deferred, "deferred is null");
        this.preAllocation = params.preAllocation();
        this.mode = params.demandMode();
        this.enabled = params.enabledFamilies();
        this.events = requireNonNull(events, "events is null");
    }

    /** The section to write and the demand it was computed from. */
    record Result(PoolSection section, Map<PoolName, PoolDemand> demand) {
    }

    Result run(Set<Family> restoreFinished) {
        Map<PoolName, PoolDemand> demand = demand();
        List<PoolRequest> requested = new ArrayList<>();
        demand.forEach((pool, needed) -> {
            if (!needed.isZero()) {
                requested.add(new PoolRequest(pool, needed));
            }
        });
        List<PoolAllocation> allocated = new ArrayList<>();
        for (PoolName pool : new TreeSet<>(pools.names())) {
            List<Cidr> cidrs = new ArrayList<>();
            for (Family family : Family.values()) {
                FamilyRanges ranges = pools.get(pool, family);
                if (ranges == null) {
                    continue;
                }
                if (restoreFinished.contains(family)) {
                    long needed = demand.getOrDefault(pool, PoolDemand.NONE).get(family);
                    long freeNeeded = Math.max(needed - ranges.inUse(), 0);
                    ranges.releaseExcess(freeNeeded, pools.rulesFor(pool), pools.overlapFinder(family), events);
                }
                List<Cidr> ofFamily = new ArrayList<>();
                ranges.ranges().forEach(range -> ofFamily.add(range.cidr()));
                ofFamily.sort(AS_STRINGS);
                cidrs.addAll(ofFamily);
            }
            if (cidrs.isEmpty()) {
                pools.dropIfEmpty(pool);
            } else {
                allocated.add(new PoolAllocation(pool, cidrs));
            }
        }
        return new Result(new PoolSection(requested, allocated), Collections.unmodifiableMap(demand));
    }

    /** M23–M28: the demand of every pool that is local, pending, pre-allocated or deferred. */
    private Map<PoolName, PoolDemand> demand() {
        Set<PoolName> considered = new TreeSet<>(pools.names());
        considered.addAll(pending.pools());
        considered.addAll(preAllocation.keySet());
        considered.addAll(deferred.pools());
        Map<PoolName, PoolDemand> demand = new TreeMap<>();
        for (PoolName pool : considered) {
            PoolDemand needed = PoolDemand.NONE;
            for (Family family : Family.values()) {
                FamilyRanges ranges = pools.get(pool, family);
                long base = (ranges == null ? 0 : ranges.inUse()) + deferred.count(pool, family)
                        + pending.count(pool, family);
                needed = needed.with(family, Demand.of(base, preAllocation.get(pool), mode, enabled.contains(family)));
            }
            demand.put(pool, needed);
        }
        return demand;
    }
}
