package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotAllocatedException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.IpamException;
import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The address operations of a manager (spec M15, M16, M18, M41) and the placement of deferred
 * restores, on state the manager's lock guards. Every method assumes the lock is held.
 */
final class AddressOperations {

    private final PoolTable pools;
    private final PendingAllocations pending;
    private final DeferredRestores deferred;
    private final ManagerEvents events;
    private final Clock clock;
    private final RandomGenerator random;

    AddressOperations(PoolTable pools, PendingAllocations pending, DeferredRestores deferred, ManagerEvents events,
                      ManagerParams params) {
        this.pools = requireNonNull(pools, "pools is null");
        this.pending = requireNonNull(pending, "pending is null");
        this.deferred = requireNonNull(deferred, "deferred is null");
        this.events = requireNonNull(events, "events is null");
        this.clock = params.clock();
        this.random = params.random();
    }

    /** M15 steps 1–4; {@code policyError} is the policy's failure, asked before the lock was taken. */
    AllocationResult allocateNext(PoolName pool, Family family, String owner, boolean skipMasquerade,
                                  MasqueradePolicyException policyError) {
        FamilyRanges ranges = pools.get(pool, family);
        if (ranges == null || !ranges.hasRanges()) {
            recordPending(pool, family, owner);
            throw new PoolNotReadyException(pool, family, owner);
        }
        if (policyError != null) {
            recordPending(pool, family, owner);
            throw policyError;
        }
        AllocationResult result = ranges.allocateNext(owner, skipMasquerade, random);
        if (result == null) {
            recordPending(pool, family, owner);
            throw new PoolExhaustedException(pool, family, owner);
        }
        pending.remove(pool, family, owner);
        return result;
    }

    /** M16: one specific address; every failure records pending demand. */
    AllocationResult allocate(IpAddress address, PoolName pool, String owner) {
        Family family = address.family();
        FamilyRanges ranges = pools.get(pool, family);
        if (ranges == null || !ranges.hasRanges()) {
            recordPending(pool, family, owner);
            throw new PoolNotReadyException(pool, family, address, owner);
        }
        String reservedBy = deferred.ownerOf(pool, address);
        if (reservedBy != null) {
            recordPending(pool, family, owner);
            throw new AddressInUseException(pool, address, owner, reservedBy);
        }
        AllocationResult result;
        try {
            result = ranges.allocate(address, owner);
        } catch (IpamException e) {
            recordPending(pool, family, owner);
            throw e;
        }
        pending.remove(pool, family, owner);
        return result;
    }

    /** M18: frees an address or a reservation and returns its owner. */
    String release(IpAddress address, PoolName pool) {
        String owner = deferred.remove(pool, address);
        if (owner != null) {
            return owner;
        }
        Family family = address.family();
        FamilyRanges ranges = pools.get(pool, family);
        if (ranges == null) {
            throw new AddressNotAllocatedException("unable to release IP " + address + " of unknown pool \"" + pool
                    + "\" (family " + family + ")", pool, address);
        }
        owner = ranges.release(address);
        if (owner == null) {
            throw new AddressNotAllocatedException("unable to release IP " + address + " of pool \"" + pool
                    + "\" (family " + family + "): IP is not allocated", pool, address);
        }
        return owner;
    }

    /** M41 with our crash-safety rule: see {@link MultiPoolManager#restore}. */
    RestoreOutcome restore(IpAddress address, PoolName pool, String owner) {
        CidrRange range = rangeForRestore(pool, address);
        if (range != null) {
            RestoreOutcome outcome = place(range, pool, address, owner, false);
            if (outcome == RestoreOutcome.PLACED) {
                pending.remove(pool, address.family(), owner);
            }
            return outcome;
        }
        String reservedBy = deferred.ownerOf(pool, address);
        if (reservedBy != null) {
            if (reservedBy.equals(owner)) {
                return RestoreOutcome.DEFERRED;
            }
            events.restoreConflict(pool, address, owner, reservedBy);
            return RestoreOutcome.CONFLICT;
        }
        deferred.reserve(pool, address, owner);
        events.restoreDeferred(pool, address, owner, pools.get(pool, address.family()) == null
                ? "pool not (yet) available" : "no delegated CIDR of the pool contains it");
        return RestoreOutcome.DEFERRED;
    }

    /** Places every deferred restore whose CIDR is delegated now; a conflict drops the reservation. */
    void placeDeferred() {
        if (deferred.isEmpty()) {
            return;
        }
        deferred.removeIf((pool, address, owner) -> {
            CidrRange range = rangeForRestore(pool, address);
            if (range == null || range.indexOf(address) < 0) {
                return false;
            }
            place(range, pool, address, owner, true);
            return true;
        });
    }

    /** The range holding the address, taking back a released CIDR (still listed) that contains it. */
    private CidrRange rangeForRestore(PoolName pool, IpAddress address) {
        FamilyRanges ranges = pools.get(pool, address.family());
        if (ranges == null) {
            return null;
        }
        CidrRange range = ranges.rangeFor(address);
        if (range == null) {
            Cidr released = ranges.releasedContaining(address);
            if (released != null) {
                range = ranges.reclaim(released, pools.rulesFor(pool), pools.overlapFinder(address.family()), events);
            }
        }
        return range;
    }

    private RestoreOutcome place(CidrRange range, PoolName pool, IpAddress address, String owner, boolean wasDeferred) {
        int index = range.indexOf(address);
        if (index < 0) {
            throw new AddressNotInRangeException("unable to restore IP " + address + " of pool \"" + pool + "\" (family "
                    + address.family() + "): IP is not in range: only the first " + range.size() + " addresses of "
                    + range.cidr() + " are tracked", pool, address, owner);
        }
        if (range.isSet(index)) {
            String current = range.ownerAt(index);
            if (current.equals(owner)) {
                return RestoreOutcome.PLACED;
            }
            events.restoreConflict(pool, address, owner, current);
            return RestoreOutcome.CONFLICT;
        }
        range.take(index, owner);
        if (wasDeferred) {
            events.restorePlaced(pool, address, owner);
        }
        return RestoreOutcome.PLACED;
    }

    private void recordPending(PoolName pool, Family family, String owner) {
        pending.upsert(pool, family, owner, clock.instant());
    }
}
