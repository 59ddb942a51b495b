package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotAllocatedException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.IpAddress;
import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.api.PoolSection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic multi-pool manager of one consumer (spec section 2): the CIDRs delegated to this
 * node per pool and family, the addresses handed out from them, pending demand, restore, and the
 * pure computation of the pool section to write back. No I/O: the caller feeds node sections in
 * ({@link #upsertNode}) and writes what {@link #computeSync} returns.
 *
 * <p>Thread-safe: one lock guards all state. The package-private parts it delegates to
 * ({@code PoolTable}, {@code FamilyRanges}, {@code AddressOperations}, {@code SyncComputation},
 * ...) are not thread-safe and are only called under it. The masquerade policy and the sync
 * trigger run outside the lock; {@link ManagerEvents} run under it.
 *
 * <p>Decisions where the spec leaves a choice (see the spec's J2):
 * <ul>
 *   <li>Pre-allocation values are validated elsewhere to be {@code >= 0} (and again by
 *       {@link ManagerParams}); 0 means no pre-allocation ({@code neededIPCeil(n, 0) = n}).</li>
 *   <li>M12 is kept: a pool vanishing entirely from {@code allocated} keeps its local ranges and is
 *       written back, but forgets its released CIDRs at once (the operator no longer lists them, so
 *       they are never taken back). A pool without any range is forgotten then.</li>
 *   <li>A failed specific allocation of a duplicate records pending demand like Cilium (M16),
 *       except on the {@link #restore} path, which never records demand.</li>
 *   <li>The range order is stable: first-listed order, new CIDRs appended (the M37 reversal is not
 *       reproduced). Released CIDRs still listed are reclaimed when demand grows, in the order they
 *       were released (PR #46674). A removed mark clears when the CIDR is listed again, and removed
 *       ranges do not count as free when deciding releases (PR #47916). As upstream, the echo of
 *       our own write-back of a removed CIDR counts as "listed again". An unused removed range is
 *       dropped at the next sync after restore.</li>
 *   <li>A pool or family with no range at all answers {@link PoolNotReadyException}; one whose
 *       ranges are all full or removed answers {@link PoolExhaustedException}.</li>
 *   <li>A CIDR overlapping one already tracked (in any pool of the family) is ignored and
 *       reported, so no address can be handed out twice. A pool listed twice in {@code allocated}
 *       gets the union of its entries.</li>
 *   <li>A disabled family fails with {@link FamilyDisabledException} and records no demand.</li>
 *   <li>A stored allocation whose CIDR is not delegated is restored as a reservation
 *       ({@link RestoreOutcome#DEFERRED}): never handed out, counted in demand and in
 *       {@link #inUse}, placed as soon as a CIDR of its pool contains it. Excess release keeps free
 *       space for it ({@code freeNeeded} subtracts only placed addresses). A reservation is scoped
 *       to its pool, as allocations are.</li>
 *   <li>The first node section fires the sync trigger (M10), as do calls with
 *       {@code syncUpstream}.</li>
 * </ul>
 */
public final class MultiPoolManager {

    private static final Logger LOG = LoggerFactory.getLogger(MultiPoolManager.class);

    private final ManagerParams params;
    private final ManagerEvents events;
    private final Object lock = new Object();
    private final Set<Family> enabled;
    private final PoolTable pools;
    private final PendingAllocations pending;
    private final DeferredRestores deferred = new DeferredRestores();
    private final SyncComputation sync;
    private final AddressOperations operations;
    private final Set<Family> restoreFinished = EnumSet.noneOf(Family.class);
    private Map<PoolName, PoolDemand> lastDemand = Map.of();
    private boolean nodeObserved;

    /**
     * Creates an empty manager.
     *
     * @param params the parameters
     */
    public MultiPoolManager(ManagerParams params) {
        this.params = requireNonNull(params, "params is null");
        this.enabled = EnumSet.copyOf(params.enabledFamilies());
        this.events = new LoggingEvents(params.consumerId(), params.events());
        this.pools = new PoolTable(params.enabledFamilies(), params.allowFirstLastIps(), events);
        this.pending = new PendingAllocations(params.pendingTtl());
        this.sync = new SyncComputation(pools, pending, deferred, params, events);
        this.operations = new AddressOperations(pools, pending, deferred, events, params);
    }

    /**
     * M10–M14: applies the node's {@code allocated} list (its {@code requested} list is ours and is
     * ignored). The first call marks the node as observed and fires the sync trigger. Deferred
     * restores whose CIDR appeared are placed before this returns.
     *
     * @param section the consumer's section of the latest node resource
     */
    public void upsertNode(PoolSection section) {
        requireNonNull(section, "section is null");
        boolean first;
        synchronized (lock) {
            pools.ingest(section);
            operations.placeDeferred();
            first = !nodeObserved;
            nodeObserved = true;
        }
        if (first) {
            trigger();
        }
    }

    /**
     * R4: sets a pool's first/last rules (from the pool object); they apply to its existing and
     * future ranges. Ignored when the manager allows first and last addresses everywhere.
     *
     * @param pool the pool
     * @param rules the rules
     */
    public void setRangeRules(PoolName pool, RangeRules rules) {
        requireNonNull(pool, "pool is null");
        requireNonNull(rules, "rules is null");
        locked(() -> {
            pools.setRules(pool, rules);
            return null;
        });
    }

    /**
     * M15: hands out the next free address of a family from a pool. Every failure except a disabled
     * family records pending demand for the owner; success clears it.
     *
     * @param pool the pool
     * @param family the family
     * @param owner who holds the address; may be empty (optional in Cilium's API, spec A5.2), stored as given
     * @param syncUpstream fire the sync trigger when leaving, success or failure
     * @return the allocation, with the masquerade policy's answer
     * @throws PoolNotReadyException if the pool has no CIDR of the family
     * @throws MasqueradePolicyException if the policy cannot decide
     * @throws PoolExhaustedException if every CIDR of the family is full or removed
     * @throws FamilyDisabledException if the family is disabled
     */
    public AllocationResult allocateNext(PoolName pool, Family family, String owner, boolean syncUpstream) {
        requireNonNull(pool, "pool is null");
        requireNonNull(family, "family is null");
        requireNonNull(owner, "owner is null");
        try {
            requireEnabled(family, null);
            boolean skipMasquerade = false;
            MasqueradePolicyException policyError = null;
            try {
                skipMasquerade = params.masqueradePolicy().skipMasquerade(pool);
            } catch (MasqueradePolicyException e) {
                policyError = e;
            } catch (RuntimeException e) {
                policyError = new MasqueradePolicyException("masquerade policy failed for pool \"" + pool + "\": " + e, pool);
            }
            synchronized (lock) {
                return operations.allocateNext(pool, family, owner, skipMasquerade, policyError);
            }
        } finally {
            if (syncUpstream) {
                trigger();
            }
        }
    }

    /**
     * M16, R6: allocates one specific address. The masquerade policy is not consulted, so
     * {@code skipMasquerade} is false. Every failure except a disabled family records pending
     * demand for the owner (duplicates included, as in Cilium); success clears it.
     *
     * @param address the address
     * @param pool the pool
     * @param owner who holds the address; may be empty (optional in Cilium's API, spec A5.2), stored as given
     * @param syncUpstream fire the sync trigger when leaving, success or failure
     * @return the allocation
     * @throws AddressInUseException if the address is allocated or reserved, naming its owner
     * @throws AddressNotInRangeException if no CIDR of the pool can hold it
     * @throws PoolNotReadyException if the pool has no CIDR of the address's family
     * @throws FamilyDisabledException if the address's family is disabled
     */
    public AllocationResult allocate(IpAddress address, PoolName pool, String owner, boolean syncUpstream) {
        requireNonNull(address, "address is null");
        requireNonNull(pool, "pool is null");
        requireNonNull(owner, "owner is null");
        Family family = address.family();
        try {
            requireEnabled(family, address);
            synchronized (lock) {
                return operations.allocate(address, pool, owner);
            }
        } finally {
            if (syncUpstream) {
                trigger();
            }
        }
    }

    /**
     * M18: releases an address (or the reservation of a deferred restore). Pending entries are
     * untouched and no CIDR is given back here (that happens in {@link #computeSync}).
     *
     * @param address the address
     * @param pool the pool it was allocated from
     * @param syncUpstream fire the sync trigger when leaving, success or failure
     * @return the owner the address had
     * @throws AddressNotAllocatedException if the pool or family is unknown, or the address is not
     *     allocated in the pool
     * @throws FamilyDisabledException if the address's family is disabled
     */
    public String release(IpAddress address, PoolName pool, boolean syncUpstream) {
        requireNonNull(address, "address is null");
        requireNonNull(pool, "pool is null");
        Family family = address.family();
        try {
            requireEnabled(family, address);
            synchronized (lock) {
                return operations.release(address, pool);
            }
        } finally {
            if (syncUpstream) {
                trigger();
            }
        }
    }

    /**
     * M41 with our crash-safety rule: re-allocates a stored record, without sync and without ever
     * recording demand. An address inside a released CIDR that the operator still lists takes that
     * CIDR back. An address outside the current usable window of its CIDR (the rules changed) is
     * placed anyway.
     *
     * @param address the stored address
     * @param pool the stored pool
     * @param owner the stored owner
     * @return {@link RestoreOutcome#PLACED}, {@link RestoreOutcome#DEFERRED} or
     *     {@link RestoreOutcome#CONFLICT} (reported through the events)
     * @throws AddressNotInRangeException if the address lies in a delegated IPv6 CIDR beyond the
     *     65,536 addresses a range tracks (no allocation of ours can be there)
     * @throws FamilyDisabledException if the address's family is disabled
     */
    public RestoreOutcome restore(IpAddress address, PoolName pool, String owner) {
        requireNonNull(address, "address is null");
        requireNonNull(pool, "pool is null");
        requireNonNull(owner, "owner is null");
        requireEnabled(address.family(), address);
        return locked(() -> operations.restore(address, pool, owner));
    }

    /**
     * M42, M47: restore is over for a family; from now on its excess CIDRs may be given back.
     *
     * @param family the family
     */
    public void restoreFinished(Family family) {
        requireNonNull(family, "family is null");
        locked(() -> restoreFinished.add(family));
    }

    /**
     * Returns whether {@link #restoreFinished} was called for the family.
     *
     * @param family the family
     * @return true once restore finished
     */
    public boolean isRestoreFinished(Family family) {
        requireNonNull(family, "family is null");
        return locked(() -> restoreFinished.contains(family));
    }

    /**
     * M32 without the I/O. Empty until a node section was observed (M46). Otherwise expires pending
     * entries (M20), computes the demand (M23–M28, deferred restores included), gives back excess
     * CIDRs of the families whose restore finished (M37, M39), forgets pools left without CIDRs
     * (M44), and returns the complete section to write: {@code requested} sorted by pool without
     * zero-demand pools, {@code allocated} sorted by pool with each pool's IPv4 CIDRs first, then
     * IPv6, each group sorted as strings.
     *
     * @return the section to write, or empty before the first node section
     */
    public Optional<PoolSection> computeSync() {
        synchronized (lock) {
            if (!nodeObserved) {
                return Optional.empty();
            }
            pending.expire(params.clock().instant());
            SyncComputation.Result result = sync.run(restoreFinished);
            lastDemand = result.demand();
            operations.placeDeferred();
            return Optional.of(result.section());
        }
    }

    /**
     * M48, M49: whether a next-address allocation would find an address.
     *
     * @param pool the pool
     * @param family the family
     * @return true if a range that is not removed has a free address
     */
    public boolean hasFreeAddress(PoolName pool, Family family) {
        return locked(() -> {
            FamilyRanges ranges = pools.get(pool, family);
            return ranges != null && ranges.hasFree();
        });
    }

    /**
     * M54: the free addresses of a family over every pool, in ranges not marked removed.
     *
     * @param family the family
     * @return the free count
     */
    public long capacity(Family family) {
        return locked(() -> pools.free(family));
    }

    /**
     * M55: the addresses in use in a pool and family, removed ranges and deferred restores included.
     *
     * @param pool the pool
     * @param family the family
     * @return the count
     */
    public long inUse(PoolName pool, Family family) {
        return locked(() -> {
            FamilyRanges ranges = pools.get(pool, family);
            return (ranges == null ? 0 : ranges.inUse()) + deferred.count(pool, family);
        });
    }

    /**
     * M56, with owners and counters: every pool holding at least one CIDR or deferred restore,
     * sorted by name. Allocations include deferred restores.
     *
     * @return the dumps
     */
    public List<PoolDump> dump() {
        return locked(() -> ManagerViews.dump(pools, pending, deferred, lastDemand));
    }

    /**
     * M56: {@code "<N> IPAM pool(s) available"}, N being the pools with at least one CIDR.
     *
     * @return the status line
     */
    public String status() {
        return locked(() -> pools.poolsWithRanges() + " IPAM pool(s) available");
    }

    /**
     * The addresses an owner holds, sorted by pool and address; a deferred restore appears with its
     * single-address prefix as {@code cidr}. Costs time in proportion to the addresses in use.
     *
     * @param owner the owner
     * @return its allocations ({@code skipMasquerade} is false: the policy is not consulted)
     */
    public List<AllocationResult> allocationsOf(String owner) {
        requireNonNull(owner, "owner is null");
        return locked(() -> ManagerViews.allocations(pools, deferred, owner::equals));
    }

    /**
     * Every address this manager holds, sorted by pool and address, deferred restores included
     * (with their single-address prefix as {@code cidr}), for example to release what belongs to
     * owners that went away while the host was down. Costs time in proportion to the addresses in
     * use.
     *
     * @return all allocations ({@code skipMasquerade} is false: the policy is not consulted)
     */
    public List<AllocationResult> allocations() {
        return locked(() -> ManagerViews.allocations(pools, deferred, owner -> true));
    }

    /**
     * The reservations of deferred restores.
     *
     * @return {@code "<pool>/<address>"} to owner, sorted by key
     */
    public Map<String, String> deferredRestores() {
        return locked(() -> ManagerViews.deferredRestores(deferred));
    }

    /**
     * The number of reservations of deferred restores.
     *
     * @return the count; cheap, unlike {@link #deferredRestores()}
     */
    public int deferredRestoreCount() {
        return locked(deferred::size);
    }

    /**
     * Returns the enabled families.
     *
     * @return one or both families
     */
    public Set<Family> enabledFamilies() {
        return params.enabledFamilies();
    }

    /**
     * Returns the consumer this manager serves.
     *
     * @return the consumer id
     */
    public String consumerId() {
        return params.consumerId();
    }

    private <T> T locked(Supplier<T> action) {
        synchronized (lock) {
            return action.get();
        }
    }

    private void trigger() {
        try {
            params.syncTrigger().run();
        } catch (RuntimeException e) {
            LOG.error("[{}] sync trigger failed", params.consumerId(), e);
        }
    }

    /** Refuses an operation on a family this manager does not serve; {@code address} may be null. */
    private void requireEnabled(Family family, IpAddress address) {
        if (!enabled.contains(family)) {
            throw new FamilyDisabledException(family, address);
        }
    }
}
