package dev.multipool.host.manager;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Read-only views of a manager's state (spec M54–M56 and the owner queries). Every method runs
 * under the manager's lock and costs time in proportion to the addresses in use.
 */
final class ManagerViews {

    private ManagerViews() {
    }

    static List<PoolDump> dump(PoolTable pools, PendingAllocations pending, DeferredRestores deferred,
                               Map<PoolName, PoolDemand> lastDemand) {
        TreeSet<PoolName> names = new TreeSet<>(pools.names());
        names.addAll(deferred.pools());
        List<PoolDump> dumps = new ArrayList<>();
        for (PoolName pool : names) {
            Map<Family, FamilyRanges> tracked = pools.families(pool);
            boolean hasRanges = tracked != null && tracked.values().stream().anyMatch(FamilyRanges::hasRanges);
            if (!hasRanges && !deferred.pools().contains(pool)) {
                continue; // M44: a pool without CIDRs is gone, even while it remembers released ones
            }
            Map<Family, FamilyDump> families = new EnumMap<>(Family.class);
            for (Family family : Family.values()) {
                FamilyRanges ranges = pools.get(pool, family);
                Map<IpAddress, String> reserved = deferred.of(pool, family);
                if (ranges == null && reserved.isEmpty()) {
                    continue;
                }
                Map<IpAddress, String> allocations = new HashMap<>(reserved);
                List<Cidr> cidrs = new ArrayList<>();
                List<Cidr> removed = new ArrayList<>();
                long usable = 0;
                long inUse = reserved.size();
                if (ranges != null) {
                    for (CidrRange range : ranges.ranges()) {
                        cidrs.add(range.cidr());
                        if (range.removed()) {
                            removed.add(range.cidr());
                        }
                        range.forEachUsed((index, owner) -> allocations.put(range.addressAt(index), owner));
                    }
                    usable = ranges.usable();
                    inUse += ranges.inUse();
                }
                long demand = lastDemand.getOrDefault(pool, PoolDemand.NONE).get(family);
                families.put(family, new FamilyDump(cidrs, ranges == null ? List.of() : ranges.releasedCidrs(), removed,
                        usable, inUse, demand, pending.count(pool, family), allocations));
            }
            dumps.add(new PoolDump(pool, families));
        }
        return dumps;
    }

    /** Every allocation whose owner passes the filter, deferred restores included. */
    static List<AllocationResult> allocations(PoolTable pools, DeferredRestores deferred, Predicate<String> owners) {
        List<AllocationResult> results = new ArrayList<>();
        for (PoolName pool : pools.names()) {
            for (FamilyRanges ranges : pools.families(pool).values()) {
                for (CidrRange range : ranges.ranges()) {
                    range.forEachUsed((index, owner) -> {
                        if (owners.test(owner)) {
                            results.add(new AllocationResult(range.addressAt(index), pool, range.cidr(), owner, false));
                        }
                    });
                }
            }
        }
        deferred.forEach((pool, address, owner) -> {
            if (owners.test(owner)) {
                results.add(new AllocationResult(address, pool, new Cidr(address, address.family().bits()), owner, false));
            }
        });
        results.sort(Comparator.comparing(AllocationResult::pool).thenComparing(AllocationResult::address));
        return results;
    }

    static Map<String, String> deferredRestores(DeferredRestores deferred) {
        Map<String, String> result = new TreeMap<>();
        deferred.forEach((pool, address, owner) -> result.put(pool + "/" + address, owner));
        return Collections.unmodifiableMap(result);
    }
}
