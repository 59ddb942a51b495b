package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CIDRs of one family of one pool (Cilium's {@code cidrPool}, spec M9, M13, M14, M37): the
 * ranges in a stable order (the order they were first listed, later ones appended), the
 * {@code released} set (given back, still listed by the operator) and the {@code removed} marks
 * (no longer listed, still in use). Not thread-safe: the manager's lock guards it.
 */
final class FamilyRanges {

    private static final Logger LOG = LoggerFactory.getLogger(FamilyRanges.class);

    private final PoolName pool;
    private final Family family;
    private final List<CidrRange> ranges = new ArrayList<>();
    private final Set<Cidr> released = new LinkedHashSet<>();

    FamilyRanges(PoolName pool, Family family) {
        this.pool = requireNonNull(pool, "pool is null");
        this.family = requireNonNull(family, "family is null");
    }

    /** Another tracked CIDR that overlaps a candidate. */
    record Overlap(PoolName pool, Cidr existing) {
    }

    /** Finds a tracked CIDR (of any pool of the manager) overlapping a candidate. */
    @FunctionalInterface
    interface OverlapFinder {
        Optional<Overlap> find(Cidr candidate);
    }

    /**
     * M13 steps 1–3 with PR #47916: de-duplicates what the node lists for this pool and family,
     * forgets released CIDRs no longer listed, drops unlisted unused ranges, marks unlisted used
     * ones removed and clears the mark of listed ones. Returns the listed CIDRs, de-duplicated.
     */
    Set<Cidr> retainListed(List<Cidr> listed, ManagerEvents events) {
        Set<Cidr> wanted = new LinkedHashSet<>();
        for (Cidr cidr : listed) {
            if (!wanted.add(cidr)) {
                events.duplicateCidr(pool, cidr);
            }
        }
        released.retainAll(wanted);
        boolean hadRanges = !ranges.isEmpty();
        ranges.removeIf(range -> {
            Cidr cidr = range.cidr();
            if (wanted.contains(cidr)) {
                if (range.removed()) {
                    range.markRemoved(false);
                    events.removedCidrRelisted(pool, cidr);
                }
                return false;
            }
            if (range.used() == 0) {
                return true;
            }
            if (!range.removed()) {
                range.markRemoved(true);
                events.inUseCidrRemoved(pool, cidr, range.used());
            }
            return false;
        });
        if (hadRanges && ranges.isEmpty() && wanted.isEmpty()) {
            LOG.warn("removed the last CIDR of pool \"{}\" (family {})", pool, family);
        }
        return wanted;
    }

    /**
     * M13 step 4 with PR #46674: creates a range for each listed CIDR that has none and was not
     * released. Run after {@link #retainListed} of every pool, so that a CIDR moving between pools
     * is not taken for an overlap. Returns whether a range was added.
     */
    boolean addListed(Set<Cidr> wanted, RangeRules rules, OverlapFinder overlaps, ManagerEvents events) {
        boolean added = false;
        for (Cidr cidr : wanted) {
            if (rangeOf(cidr) == null && !released.contains(cidr)) {
                added |= addRange(cidr, rules, overlaps, events) != null;
            }
        }
        return added;
    }

    private CidrRange rangeOf(Cidr cidr) {
        for (CidrRange range : ranges) {
            if (range.cidr().equals(cidr)) {
                return range;
            }
        }
        return null;
    }

    /** Creates and appends a range, unless it overlaps another or is too small (then released). */
    private CidrRange addRange(Cidr cidr, RangeRules rules, OverlapFinder overlaps, ManagerEvents events) {
        Optional<Overlap> overlap = overlaps.find(cidr);
        if (overlap.isPresent()) {
            events.overlappingCidr(pool, cidr, overlap.get().pool(), overlap.get().existing());
            return null;
        }
        CidrRange range = new CidrRange(cidr, rules);
        if (range.usable() == 0) {
            released.add(cidr);
            events.cidrTooSmall(pool, cidr);
            return null;
        }
        ranges.add(range);
        return range;
    }

    /**
     * Forgets every released CIDR: the operator no longer lists the pool (M12), so none of them
     * may be taken back (PR #46674 reclaims only what is still listed).
     */
    void forgetReleased() {
        released.clear();
    }

    /** PR #46674: takes a released CIDR (still listed by the operator) back. */
    CidrRange reclaim(Cidr cidr, RangeRules rules, OverlapFinder overlaps, ManagerEvents events) {
        if (!released.remove(cidr)) {
            return null;
        }
        CidrRange range = addRange(cidr, rules, overlaps, events);
        if (range != null) {
            events.cidrReclaimed(pool, cidr);
        }
        return range;
    }

    /**
     * M37 with the later fixes: gives back unused ranges while the free addresses of the other
     * (not removed) ranges still cover {@code freeNeeded}, walking from the last range to the first
     * and keeping the order of what stays. When the free count is short, released CIDRs are first
     * taken back in the order they were released (PR #46674). An unused range marked removed is
     * dropped: the operator no longer lists it.
     */
    void releaseExcess(long freeNeeded, RangeRules rules, OverlapFinder overlaps, ManagerEvents events) {
        long totalFree = free();
        for (Cidr cidr : List.copyOf(released)) {
            if (totalFree >= freeNeeded) {
                break;
            }
            CidrRange range = reclaim(cidr, rules, overlaps, events);
            if (range != null) {
                totalFree += range.free();
            }
        }
        for (int i = ranges.size() - 1; i >= 0; i--) {
            CidrRange range = ranges.get(i);
            if (range.used() != 0) {
                continue;
            }
            if (range.removed()) {
                ranges.remove(i);
                events.cidrReleased(pool, range.cidr());
            } else if (totalFree - range.free() >= freeNeeded) {
                ranges.remove(i);
                released.add(range.cidr());
                totalFree -= range.free();
                events.cidrReleased(pool, range.cidr());
            }
        }
    }

    /** R4: applies new first/last rules to every range. */
    void applyRules(RangeRules rules) {
        ranges.forEach(range -> range.applyRules(rules));
    }

    /** M15 step 3: the next address of the first range that is neither removed nor full. */
    AllocationResult allocateNext(String owner, boolean skipMasquerade, RandomGenerator random) {
        for (CidrRange range : ranges) {
            if (!range.removed() && range.free() > 0) {
                int index = range.nextFreeIndex(random);
                range.take(index, owner);
                return new AllocationResult(range.addressAt(index), pool, range.cidr(), owner, skipMasquerade);
            }
        }
        return null;
    }

    /** M16, R6: one specific address, in the first range containing it (removed ones included). */
    AllocationResult allocate(IpAddress address, String owner) {
        CidrRange range = rangeFor(address);
        if (range == null) {
            throw new AddressNotInRangeException(prefix(address) + "IP " + address + " not in range of any CIDR",
                    pool, address, owner);
        }
        int index = range.indexOfContained(address);
        if (index < 0 || !range.inWindow(index)) {
            throw new AddressNotInRangeException(prefix(address) + "IP " + address + " is not in range: the usable "
                    + "addresses of " + range.cidr() + " are " + range.firstUsable() + " to " + range.lastUsable(),
                    pool, address, owner);
        }
        if (range.isSet(index)) {
            throw new AddressInUseException(pool, address, owner, range.ownerAt(index));
        }
        range.take(index, owner);
        return new AllocationResult(address, pool, range.cidr(), owner, false);
    }

    /** R7: frees the address and returns its owner, or null when it was not allocated. */
    String release(IpAddress address) {
        CidrRange range = rangeFor(address);
        if (range == null) {
            return null;
        }
        int index = range.indexOfContained(address);
        return index < 0 ? null : range.release(index);
    }

    CidrRange rangeFor(IpAddress address) {
        for (CidrRange range : ranges) {
            if (range.contains(address)) {
                return range;
            }
        }
        return null;
    }

    boolean isReleased(Cidr cidr) {
        return released.contains(cidr);
    }

    /** The released CIDR containing the address, or null. */
    Cidr releasedContaining(IpAddress address) {
        for (Cidr cidr : released) {
            if (cidr.contains(address)) {
                return cidr;
            }
        }
        return null;
    }

    /** M48/M49: a next-address allocation would find an address. */
    boolean hasFree() {
        for (CidrRange range : ranges) {
            if (!range.removed() && range.free() > 0) {
                return true;
            }
        }
        return false;
    }

    /** M55: used addresses in every range, removed ones included. */
    long inUse() {
        long used = 0;
        for (CidrRange range : ranges) {
            used += range.used();
        }
        return used;
    }

    /** M54, #47916: free addresses in ranges not marked removed. */
    long free() {
        long free = 0;
        for (CidrRange range : ranges) {
            if (!range.removed()) {
                free += range.free();
            }
        }
        return free;
    }

    /** Usable addresses in ranges not marked removed. */
    long usable() {
        long usable = 0;
        for (CidrRange range : ranges) {
            if (!range.removed()) {
                usable += range.usable();
            }
        }
        return usable;
    }

    PoolName pool() {
        return pool;
    }

    Family family() {
        return family;
    }

    List<CidrRange> ranges() {
        return ranges;
    }

    /** No range and nothing released: the pool can be forgotten for this family (M44). */
    boolean isEmpty() {
        return ranges.isEmpty() && released.isEmpty();
    }

    boolean hasRanges() {
        return !ranges.isEmpty();
    }

    List<Cidr> releasedCidrs() {
        return List.copyOf(released);
    }

    private String prefix(IpAddress address) {
        return "unable to reserve IP " + address + " from pool \"" + pool + "\" (family " + family + "): ";
    }
}
