package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotAllocatedException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.Cidr;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link ConsumerIpam} for unit tests, in place of the host's manager. The test gives
 * each pool one CIDR per family ({@link #range}), as if the operator had delegated it; allocations
 * take the lowest free address of that CIDR (the network address too: it is a plain range, not
 * the host's block rules). A pool and family without a range answers
 * {@link PoolNotReadyException}, as the host does before the first CIDR arrives, and
 * {@link #notReadyFor} makes a range answer so for a number of attempts.
 *
 * <p>The test also sets the node resource ({@link #node(ResourceDocument)}, which tells the node
 * listeners) and the first-sync flag, and reads back the allocate calls the code made
 * ({@link #calls()}). Nothing is journaled: this is not the host, only its contract. Thread-safe.
 */
public final class TestConsumerIpam implements ConsumerIpam {

    private final Map<String, Cidr> ranges = new HashMap<>();
    private final Map<String, Integer> notReady = new HashMap<>();
    private final Map<IpAddress, AllocationResult> allocated = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<Runnable> nodeListeners = new CopyOnWriteArrayList<>();
    private Set<Family> enabled;
    private volatile ResourceDocument node;
    private volatile boolean firstSyncDone;

    /** Creates a manager with both families enabled. */
    public TestConsumerIpam() {
        this(EnumSet.allOf(Family.class));
    }

    /**
     * Creates a manager.
     *
     * @param enabled the families enabled on the host; the others answer
     *     {@link FamilyDisabledException}
     */
    public TestConsumerIpam(Set<Family> enabled) {
        enable(enabled);
    }

    /** Used by {@link TestConsumerContext#families} to keep its manager in step. */
    synchronized void enable(Set<Family> families) {
        if (requireNonNull(families, "families is null").isEmpty()) {
            throw new IllegalArgumentException("at least one family must be enabled");
        }
        enabled = EnumSet.copyOf(families);
    }

    private static String key(PoolName pool, Family family) {
        return pool + "/" + family;
    }

    /**
     * Gives a pool its CIDR of one family (the family is the CIDR's), replacing an earlier one.
     *
     * @param pool the pool name
     * @param cidr the CIDR whose addresses are handed out, lowest first
     * @return this manager
     */
    public synchronized TestConsumerIpam range(String pool, String cidr) {
        Cidr parsed = Cidr.parse(requireNonNull(cidr, "cidr is null"));
        ranges.put(key(PoolName.of(pool), parsed.family()), parsed);
        return this;
    }

    /**
     * Makes the next attempts on a pool's family fail with {@link PoolNotReadyException} (and
     * {@link #hasFreeAddress} answer false) even if it has a range; 0 ends that.
     *
     * @param pool the pool name
     * @param family the family
     * @param attempts how many allocate calls fail
     * @return this manager
     */
    public synchronized TestConsumerIpam notReadyFor(String pool, Family family, int attempts) {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be 0 or more, not " + attempts);
        }
        notReady.put(key(PoolName.of(pool), requireNonNull(family, "family is null")), attempts);
        return this;
    }

    /**
     * Sets what {@link #firstSyncDone()} answers (false until set, as on a host that has not
     * written the consumer's section yet).
     *
     * @param done whether the first node write happened
     * @return this manager
     */
    public TestConsumerIpam firstSyncDone(boolean done) {
        firstSyncDone = done;
        return this;
    }

    /**
     * Sets the node resource {@link #node()} returns, then calls the node listeners.
     *
     * @param document the CiliumNode
     * @return this manager
     */
    public TestConsumerIpam node(ResourceDocument document) {
        node = requireNonNull(document, "document is null");
        nodeListeners.forEach(Runnable::run);
        return this;
    }

    /**
     * Returns every allocate call so far, in order, as {@code next <pool> <family> <owner>} or
     * {@code specific <pool> <address> <owner>}, whether it succeeded or not.
     *
     * @return the calls
     */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * Returns every address held, by address.
     *
     * @return a snapshot
     */
    public synchronized Map<IpAddress, AllocationResult> allocated() {
        return Map.copyOf(allocated);
    }

    private Cidr usableRange(PoolName pool, Family family, Optional<IpAddress> address, String owner) {
        if (!enabled.contains(family)) {
            throw new FamilyDisabledException(family, address.orElse(null));
        }
        String key = key(pool, family);
        int left = notReady.getOrDefault(key, 0);
        Cidr cidr = ranges.get(key);
        if (left > 0 || cidr == null) {
            notReady.put(key, Math.max(0, left - 1));
            throw address.map(ip -> new PoolNotReadyException(pool, family, ip, owner))
                    .orElseGet(() -> new PoolNotReadyException(pool, family, owner));
        }
        return cidr;
    }

    private AllocationResult hold(IpAddress address, PoolName pool, Cidr cidr, String owner) {
        AllocationResult result = new AllocationResult(address, pool, cidr, owner, false);
        allocated.put(address, result);
        return result;
    }

    @Override
    public synchronized AllocationResult allocateNext(PoolName pool, Family family, String owner) {
        calls.add("next " + pool + " " + family + " " + owner);
        Cidr cidr = usableRange(pool, family, Optional.empty(), owner);
        for (long i = 0; i < cidr.addressCount(); i++) {
            IpAddress address = cidr.network().plus(i);
            if (!allocated.containsKey(address)) {
                return hold(address, pool, cidr, owner);
            }
        }
        throw new PoolExhaustedException(pool, family, owner);
    }

    @Override
    public synchronized AllocationResult allocate(IpAddress address, PoolName pool, String owner) {
        calls.add("specific " + pool + " " + address + " " + owner);
        Cidr cidr = usableRange(pool, address.family(), Optional.of(address), owner);
        if (!cidr.contains(address)) {
            throw new AddressNotInRangeException("IP " + address + " not in range of any CIDR of pool \"" + pool + "\"",
                    pool, address, owner);
        }
        AllocationResult holder = allocated.get(address);
        if (holder != null) {
            throw new AddressInUseException(pool, address, owner, holder.owner());
        }
        return hold(address, pool, cidr, owner);
    }

    @Override
    public synchronized void release(IpAddress address, PoolName pool) {
        if (!enabled.contains(address.family())) {
            throw new FamilyDisabledException(address.family(), address);
        }
        AllocationResult held = allocated.get(address);
        if (held == null || !held.pool().equals(pool)) {
            throw new AddressNotAllocatedException("IP " + address + " is not allocated in pool \"" + pool + "\"",
                    pool, address);
        }
        allocated.remove(address);
    }

    @Override
    public synchronized List<AllocationResult> allocationsOf(String owner) {
        return allocated.values().stream().filter(result -> result.owner().equals(owner)).toList();
    }

    @Override
    public synchronized List<AllocationResult> allocations() {
        return List.copyOf(allocated.values());
    }

    @Override
    public synchronized boolean hasFreeAddress(PoolName pool, Family family) {
        String key = key(pool, family);
        Cidr cidr = ranges.get(key);
        if (!enabled.contains(family) || cidr == null || notReady.getOrDefault(key, 0) > 0) {
            return false;
        }
        return allocated.keySet().stream().filter(cidr::contains).count() < cidr.addressCount();
    }

    @Override
    public boolean firstSyncDone() {
        return firstSyncDone;
    }

    @Override
    public Optional<ResourceDocument> node() {
        return Optional.ofNullable(node);
    }

    @Override
    public Subscription onNodeChange(Runnable listener) {
        nodeListeners.add(requireNonNull(listener, "listener is null"));
        return () -> nodeListeners.remove(listener);
    }
}
