package dev.multipool.plugins.dra.testing;

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
 * An in-test {@link ConsumerIpam}: each pool and family hands out the addresses of one small CIDR in
 * order, and can answer "pool not ready" for its first N attempts, the way a pool behaves until the
 * operator delegates a CIDR.
 */
public final class TestConsumerIpam implements ConsumerIpam {

    private final Set<Family> enabled;
    private final Map<String, Cidr> ranges = new HashMap<>();
    private final Map<String, Integer> notReady = new HashMap<>();
    private final Map<IpAddress, AllocationResult> allocated = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<Runnable> nodeListeners = new CopyOnWriteArrayList<>();
    private volatile ResourceDocument node;

    /**
     * Creates the manager.
     *
     * @param enabled the enabled families
     */
    public TestConsumerIpam(Set<Family> enabled) {
        this.enabled = EnumSet.copyOf(enabled);
    }

    private static String key(PoolName pool, Family family) {
        return pool + "/" + family;
    }

    /**
     * Gives a pool a CIDR of one family.
     *
     * @param pool the pool
     * @param cidr the CIDR whose addresses are handed out in order
     * @return this manager
     */
    public synchronized TestConsumerIpam range(String pool, String cidr) {
        Cidr parsed = Cidr.parse(cidr);
        ranges.put(key(PoolName.of(pool), parsed.family()), parsed);
        return this;
    }

    /**
     * Makes the first attempts on a pool's family fail with {@link PoolNotReadyException}.
     *
     * @param pool the pool
     * @param family the family
     * @param attempts how many attempts fail
     * @return this manager
     */
    public synchronized TestConsumerIpam notReadyFor(String pool, Family family, int attempts) {
        notReady.put(key(PoolName.of(pool), family), attempts);
        return this;
    }

    /**
     * Sets the node document {@link #node()} returns and tells the listeners.
     *
     * @param tree the CiliumNode
     */
    public void node(Map<String, ?> tree) {
        node = ResourceDocument.of(tree);
        nodeListeners.forEach(Runnable::run);
    }

    /**
     * Returns every allocate call so far, as {@code next <pool> <family> <owner>} or
     * {@code specific <pool> <address> <owner>}.
     *
     * @return the calls
     */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * Returns every address held, by address.
     *
     * @return the allocations
     */
    public synchronized Map<IpAddress, AllocationResult> allocated() {
        return Map.copyOf(allocated);
    }

    private boolean failNotReady(PoolName pool, Family family) {
        Integer left = notReady.get(key(pool, family));
        if (left != null && left > 0) {
            notReady.put(key(pool, family), left - 1);
            return true;
        }
        return !ranges.containsKey(key(pool, family));
    }

    @Override
    public synchronized AllocationResult allocateNext(PoolName pool, Family family, String owner) {
        calls.add("next " + pool + " " + family + " " + owner);
        if (!enabled.contains(family)) {
            throw new FamilyDisabledException(family, null);
        }
        if (failNotReady(pool, family)) {
            throw new PoolNotReadyException(pool, family, owner);
        }
        Cidr cidr = ranges.get(key(pool, family));
        for (long i = 0; i < cidr.addressCount(); i++) {
            IpAddress address = cidr.network().plus(i);
            if (!allocated.containsKey(address)) {
                AllocationResult result = new AllocationResult(address, pool, cidr, owner, false);
                allocated.put(address, result);
                return result;
            }
        }
        throw new PoolExhaustedException(pool, family, owner);
    }

    @Override
    public synchronized AllocationResult allocate(IpAddress address, PoolName pool, String owner) {
        calls.add("specific " + pool + " " + address + " " + owner);
        Family family = address.family();
        if (!enabled.contains(family)) {
            throw new FamilyDisabledException(family, address);
        }
        if (failNotReady(pool, family)) {
            throw new PoolNotReadyException(pool, family, address, owner);
        }
        Cidr cidr = ranges.get(key(pool, family));
        if (!cidr.contains(address)) {
            throw new AddressNotInRangeException("IP " + address + " not in range of any CIDR of pool \"" + pool + "\"",
                    pool, address, owner);
        }
        AllocationResult holder = allocated.get(address);
        if (holder != null) {
            throw new AddressInUseException(pool, address, owner, holder.owner());
        }
        AllocationResult result = new AllocationResult(address, pool, cidr, owner, false);
        allocated.put(address, result);
        return result;
    }

    @Override
    public synchronized void release(IpAddress address, PoolName pool) {
        AllocationResult held = allocated.get(address);
        if (held == null || !held.pool().equals(pool)) {
            throw new AddressNotAllocatedException("IP " + address + " is not allocated in pool \"" + pool + "\"",
                    pool, address);
        }
        allocated.remove(address);
    }

    @Override
    public synchronized List<AllocationResult> allocations() {
        return List.copyOf(allocated.values());
    }

    @Override
    public synchronized List<AllocationResult> allocationsOf(String owner) {
        return allocated.values().stream().filter(result -> result.owner().equals(owner)).toList();
    }

    @Override
    public synchronized boolean hasFreeAddress(PoolName pool, Family family) {
        Integer left = notReady.get(key(pool, family));
        Cidr cidr = ranges.get(key(pool, family));
        if (cidr == null || (left != null && left > 0)) {
            return false;
        }
        return allocated.values().stream().filter(result -> cidr.contains(result.address())).count() < cidr.addressCount();
    }

    @Override
    public boolean firstSyncDone() {
        return true;
    }

    @Override
    public Optional<ResourceDocument> node() {
        return Optional.ofNullable(node);
    }

    @Override
    public Subscription onNodeChange(Runnable listener) {
        nodeListeners.add(listener);
        return () -> nodeListeners.remove(listener);
    }
}
