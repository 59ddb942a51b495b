package dev.multipool.plugins.pod.support;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-test manager facade (our own SPI interface) that answers what the gates ask: which pools
 * have a free address, and whether the first node write happened. Allocation is not its business.
 */
public final class TestConsumerIpam implements ConsumerIpam {

    private final Set<String> free = ConcurrentHashMap.newKeySet();
    private volatile boolean firstSyncDone;

    /**
     * Gives a pool a free address of a family (as if the operator delegated a CIDR).
     *
     * @param pool the pool
     * @param family the family
     */
    public void delegate(String pool, Family family) {
        free.add(pool + "/" + family);
    }

    /** Marks the first node write as done. */
    public void completeFirstSync() {
        firstSyncDone = true;
    }

    @Override
    public boolean hasFreeAddress(PoolName pool, Family family) {
        return free.contains(pool + "/" + family);
    }

    @Override
    public boolean firstSyncDone() {
        return firstSyncDone;
    }

    @Override
    public AllocationResult allocateNext(PoolName pool, Family family, String owner) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public AllocationResult allocate(IpAddress address, PoolName pool, String owner) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public void release(IpAddress address, PoolName pool) {
        throw new UnsupportedOperationException("not used by these tests");
    }

    @Override
    public List<AllocationResult> allocationsOf(String owner) {
        return List.of();
    }

    @Override
    public List<AllocationResult> allocations() {
        return List.of();
    }

    @Override
    public Optional<ResourceDocument> node() {
        return Optional.empty();
    }

    @Override
    public Subscription onNodeChange(Runnable listener) {
        return () -> { };
    }
}
