package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's pools (spec M3): pool to one {@link FamilyRanges} per enabled family, plus the
 * first/last rules of each pool. Not thread-safe: the manager's lock guards it.
 */
final class PoolTable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolTable.class);

    private final Set<Family> enabled;
    private final boolean allowAll;
    private final ManagerEvents events;
    private final Map<PoolName, EnumMap<Family, FamilyRanges>> pools = new HashMap<>();
    private final Map<PoolName, RangeRules> rules = new HashMap<>();

    PoolTable(Set<Family> enabled, boolean allowAll, ManagerEvents events) {
        this.enabled = requireNonNull(enabled, "enabled is null");
        this.allowAll = allowAll;
        this.events = requireNonNull(events, "events is null");
    }

    /** The ranges of a pool and family, or null when the pool or family has none. */
    FamilyRanges get(PoolName pool, Family family) {
        EnumMap<Family, FamilyRanges> families = pools.get(pool);
        return families == null ? null : families.get(family);
    }

    /** The family lists of a pool (enabled families only), or null. */
    Map<Family, FamilyRanges> families(PoolName pool) {
        return pools.get(pool);
    }

    Set<PoolName> names() {
        return pools.keySet();
    }

    /**
     * M10, M11, M12: applies the node's {@code allocated} list. A pool listed twice gets the union
     * of its entries. Pools not listed keep their ranges (M12) but forget their released CIDRs,
     * which the operator no longer lists (so PR #46674 cannot take them back); those without any
     * range are forgotten. Returns whether a range was added.
     */
    boolean ingest(PoolSection section) {
        Map<PoolName, List<Cidr>> listed = new LinkedHashMap<>();
        for (PoolAllocation allocation : section.allocated()) {
            listed.computeIfAbsent(allocation.pool(), p -> new ArrayList<>()).addAll(allocation.cidrs());
        }
        Map<FamilyRanges, Set<Cidr>> wanted = new LinkedHashMap<>();
        listed.forEach((pool, cidrs) -> {
            EnumMap<Family, FamilyRanges> families = pools.computeIfAbsent(pool, this::newFamilies);
            for (Cidr cidr : cidrs) {
                if (!enabled.contains(cidr.family())) {
                    LOG.debug("ignoring CIDR {} of pool \"{}\": family {} is disabled", cidr, pool, cidr.family());
                }
            }
            families.forEach((family, ranges) -> wanted.put(ranges,
                    ranges.retainListed(cidrs.stream().filter(c -> c.family() == family).toList(), events)));
        });
        pools.entrySet().removeIf(entry -> {
            if (listed.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().values().forEach(FamilyRanges::forgetReleased);
            return entry.getValue().values().stream().noneMatch(FamilyRanges::hasRanges);
        });
        boolean added = false;
        for (Map.Entry<FamilyRanges, Set<Cidr>> entry : wanted.entrySet()) {
            FamilyRanges ranges = entry.getKey();
            added |= ranges.addListed(entry.getValue(), rulesFor(ranges.pool()), overlapFinder(ranges.family()), events);
        }
        return added;
    }

    /** R4: sets a pool's first/last rules and applies them to its existing ranges. */
    void setRules(PoolName pool, RangeRules poolRules) {
        rules.put(pool, poolRules);
        EnumMap<Family, FamilyRanges> families = pools.get(pool);
        if (families != null) {
            RangeRules effective = rulesFor(pool);
            families.values().forEach(ranges -> ranges.applyRules(effective));
        }
    }

    RangeRules rulesFor(PoolName pool) {
        return allowAll ? RangeRules.ALLOW_ALL : rules.getOrDefault(pool, RangeRules.DEFAULT);
    }

    /** Finds a tracked range of any pool that overlaps a candidate CIDR of the family. */
    FamilyRanges.OverlapFinder overlapFinder(Family family) {
        return candidate -> {
            for (Map.Entry<PoolName, EnumMap<Family, FamilyRanges>> entry : pools.entrySet()) {
                FamilyRanges ranges = entry.getValue().get(family);
                if (ranges == null) {
                    continue;
                }
                for (CidrRange range : ranges.ranges()) {
                    Cidr existing = range.cidr();
                    if (existing.contains(candidate.network()) || candidate.contains(existing.network())) {
                        return Optional.of(new FamilyRanges.Overlap(entry.getKey(), existing));
                    }
                }
            }
            return Optional.empty();
        };
    }

    /** M54: free addresses of a family in every pool, ranges marked removed excluded. */
    long free(Family family) {
        long free = 0;
        for (EnumMap<Family, FamilyRanges> families : pools.values()) {
            FamilyRanges ranges = families.get(family);
            free += ranges == null ? 0 : ranges.free();
        }
        return free;
    }

    /** M44: forgets a pool that has no range and nothing released. */
    void dropIfEmpty(PoolName pool) {
        EnumMap<Family, FamilyRanges> families = pools.get(pool);
        if (families != null && families.values().stream().allMatch(FamilyRanges::isEmpty)) {
            pools.remove(pool);
        }
    }

    /** The number of pools with at least one range. */
    int poolsWithRanges() {
        int count = 0;
        for (EnumMap<Family, FamilyRanges> families : pools.values()) {
            if (families.values().stream().anyMatch(FamilyRanges::hasRanges)) {
                count++;
            }
        }
        return count;
    }

    private EnumMap<Family, FamilyRanges> newFamilies(PoolName pool) {
        EnumMap<Family, FamilyRanges> families = new EnumMap<>(Family.class);
        for (Family family : enabled) {
            families.put(family, new FamilyRanges(pool, family));
        }
        return families;
    }
}
