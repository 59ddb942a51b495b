package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AllocRangeResolver;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.IpAddress;
import dev.multipool.api.IpamException;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.api.PoolSelectionException;
import dev.multipool.api.PoolSelector;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.SelectionRequest;
import dev.multipool.host.manager.MultiPoolManager;
import dev.multipool.host.metrics.HostMetrics;
import dev.multipool.host.state.AllocationJournal;
import dev.multipool.host.state.ExpirationTimer;
import dev.multipool.host.state.JournalEntry;
import dev.multipool.host.state.JournalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's IPAM layer: what Cilium's {@code pkg/ipam} does around the allocator (family
 * order and rollback, spec P8; expiration timers, A5.7) plus durability: every change is queued
 * to the journal under the same lock that ordered it in the manager, and acknowledged only once
 * the journal made it durable. Timers are armed, stopped and cancelled under that lock too, so
 * the journal, the manager and the timers see the changes of one address in the same order (a
 * stop or an expiry can never apply to a later allocation of the same address).
 */
final class AllocationService implements IpamService {

    private static final Logger log = LoggerFactory.getLogger(AllocationService.class);

    private final String consumerId;
    private final MultiPoolManager manager;
    private final AllocationJournal journal;
    private final ExpirationTimers timers;
    private final Duration expirationTimeout;
    private final Optional<PoolSelector> selector;
    private final AllocRangeResolver allocRange;
    private final Supplier<Optional<ResourceDocument>> node;
    private final HostMetrics metrics;
    private final Object order = new Object();

    AllocationService(String consumerId, MultiPoolManager manager, AllocationJournal journal, ExpirationTimers timers,
                      Duration expirationTimeout, Optional<PoolSelector> selector, AllocRangeResolver allocRange,
                      Supplier<Optional<ResourceDocument>> node, HostMetrics metrics) {
        this.consumerId = requireNonNull(consumerId, "consumerId is null");
        this.manager = requireNonNull(manager, "manager is null");
        this.journal = requireNonNull(journal, "journal is null");
        this.timers = requireNonNull(timers, "timers is null");
        this.expirationTimeout = requireNonNull(expirationTimeout, "expirationTimeout is null");
        this.selector = requireNonNull(selector, "selector is null");
        this.allocRange = requireNonNull(allocRange, "allocRange is null");
        this.node = requireNonNull(node, "node is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public String consumerId() {
        return consumerId;
    }

    @Override
    public Set<Family> enabledFamilies() {
        return manager.enabledFamilies();
    }

    @Override
    public IpamReply allocateNext(NextAddressRequest request) {
        List<Family> families = familiesFor(request.family());
        List<AllocationResult> done = new ArrayList<>();
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        Map<Family, Optional<String>> uuids = new EnumMap<>(Family.class);
        Family current = families.get(0);
        try {
            for (Family family : families) {
                current = family;
                PoolName pool = request.pool().orElseGet(() -> select(request.owner(), family));
                Optional<ExpirationTimer> timer = request.expiration()
                        ? Optional.of(timers.create(expirationTimeout)) : Optional.empty();
                AllocationResult result;
                synchronized (order) {
                    result = manager.allocateNext(pool, family, request.owner(), true);
                    done.add(result);
                    durable.add(journal.appendAsync(List.of(allocated(result, timer))));
                    timer.ifPresent(t -> timers.arm(pool, result.address(), t));
                }
                uuids.put(family, timer.map(ExpirationTimer::uuid));
            }
            awaitAll(durable);
        } catch (RuntimeException e) {
            rollback(done);
            count("allocate", current, e);
            throw e;
        }
        Map<Family, AddressReply> replies = new EnumMap<>(Family.class);
        for (AllocationResult result : done) {
            replies.put(result.family(), new AddressReply(result, uuids.get(result.family())));
            metrics.ipamEvent(consumerId, "allocate", result.family(), "success");
        }
        return new IpamReply(replies, hostAddressing());
    }

    @Override
    public AllocationResult allocate(IpAddress address, PoolName pool, String owner) {
        requireEnabled(address.family(), address);
        List<AllocationResult> done = new ArrayList<>(1);
        try {
            CompletableFuture<Void> durable;
            synchronized (order) {
                done.add(manager.allocate(address, pool, owner, true));
                durable = journal.appendAsync(List.of(allocated(done.get(0), Optional.empty())));
            }
            awaitAll(List.of(durable));
        } catch (RuntimeException e) {
            rollback(done);
            count("allocate", address.family(), e);
            throw e;
        }
        AllocationResult result = done.get(0);
        metrics.ipamEvent(consumerId, "allocate", address.family(), "success");
        return result;
    }

    @Override
    public void release(IpAddress address, PoolName pool) {
        requireEnabled(address.family(), address);
        CompletableFuture<Void> durable;
        try {
            synchronized (order) {
                manager.release(address, pool, true);
                timers.cancel(pool, address);
                durable = journal.appendAsync(List.of(new JournalEntry.Released(consumerId, pool, address)));
            }
        } catch (RuntimeException e) {
            count("release", address.family(), e);
            throw e;
        }
        awaitAll(List.of(durable));
        metrics.ipamEvent(consumerId, "release", address.family(), "success");
    }

    @Override
    public void stopExpiration(IpAddress address, PoolName pool, String uuid) {
        requireEnabled(address.family(), address);
        CompletableFuture<Void> durable;
        synchronized (order) {
            timers.stop(pool, address, uuid);
            durable = journal.appendAsync(List.of(new JournalEntry.ExpirationStopped(consumerId, pool, address)));
        }
        awaitAll(List.of(durable));
    }

    @Override
    public HostAddressing hostAddressing() {
        Map<Family, HostAddressing.FamilyAddressing> families = new EnumMap<>(Family.class);
        Optional<ResourceDocument> current = node.get();
        for (Family family : Family.values()) {
            boolean enabled = manager.enabledFamilies().contains(family);
            families.put(family, new HostAddressing.FamilyAddressing(enabled,
                    enabled ? current.flatMap(doc -> allocRange.allocRange(doc, family)) : Optional.empty()));
        }
        return new HostAddressing(families);
    }

    /**
     * Releases an address whose expiration timer fired (spec A5.7), unless the timer was stopped,
     * replaced or cancelled (the address released) since it fired.
     */
    void expire(PoolName pool, IpAddress address, String uuid) {
        CompletableFuture<Void> durable;
        String owner;
        try {
            synchronized (order) {
                if (!timers.removeIfCurrent(pool, address, uuid)) {
                    return;
                }
                owner = manager.release(address, pool, true);
                durable = journal.appendAsync(List.of(new JournalEntry.Released(consumerId, pool, address)));
            }
            log.warn("consumer {}: IP {} of pool \"{}\" (owner \"{}\") was not confirmed in time; released it",
                    consumerId, address, pool, owner);
            awaitAll(List.of(durable));
        } catch (IpamException | JournalException e) {
            log.error("consumer {}: releasing the expired IP {} of pool \"{}\" failed: {}", consumerId, address, pool,
                    e.getMessage());
            count("release", address.family(), e);
            return;
        }
        metrics.ipamEvent(consumerId, "release", address.family(), "success");
    }

    private List<Family> familiesFor(Optional<Family> requested) {
        if (requested.isPresent()) {
            requireEnabled(requested.get(), null);
            return List.of(requested.get());
        }
        List<Family> families = new ArrayList<>();
        if (manager.enabledFamilies().contains(Family.IPV6)) {
            families.add(Family.IPV6);
        }
        if (manager.enabledFamilies().contains(Family.IPV4)) {
            families.add(Family.IPV4);
        }
        return families;
    }

    private PoolName select(String owner, Family family) {
        PoolSelector poolSelector = selector.orElseThrow(() -> new PoolSelectionException("consumer \"" + consumerId
                + "\" has no pool selection: name the pool with the pool parameter", family, owner));
        return poolSelector.select(new SelectionRequest(owner, family));
    }

    private void requireEnabled(Family family, IpAddress address) {
        if (!manager.enabledFamilies().contains(family)) {
            throw new FamilyDisabledException(family, address);
        }
    }

    private JournalEntry.Allocated allocated(AllocationResult result, Optional<ExpirationTimer> timer) {
        return new JournalEntry.Allocated(consumerId, result.pool(), result.address(), result.owner(), timer);
    }

    /** Undoes allocations of a failed request: in the manager, in the journal, and their timers. */
    private void rollback(List<AllocationResult> results) {
        for (AllocationResult result : results) {
            try {
                CompletableFuture<Void> durable;
                synchronized (order) {
                    timers.cancel(result.pool(), result.address());
                    manager.release(result.address(), result.pool(), true);
                    durable = journal.appendAsync(List.of(new JournalEntry.Released(consumerId, result.pool(),
                            result.address())));
                }
                awaitAll(List.of(durable));
            } catch (RuntimeException e) {
                log.error("consumer {}: rolling back {} of pool \"{}\" failed", consumerId, result.address(),
                        result.pool(), e);
            }
        }
    }

    private static void awaitAll(List<CompletableFuture<Void>> futures) {
        for (CompletableFuture<Void> future : futures) {
            try {
                future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }

    private void count(String action, Family family, RuntimeException error) {
        String outcome = error instanceof PoolNotReadyException ? "not-ready"
                : error instanceof PoolExhaustedException ? "exhausted" : "error";
        metrics.ipamEvent(consumerId, action, family, outcome);
    }
}
