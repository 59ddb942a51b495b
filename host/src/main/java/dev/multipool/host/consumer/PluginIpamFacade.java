package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A consumer's manager as its own plugin sees it: the same durable path the REST API uses. */
final class PluginIpamFacade implements ConsumerIpam {

    /** Longest owner the host stores (the REST API enforces the same). */
    static final int MAX_OWNER_BYTES = 512;

    private final ConsumerRuntime runtime;

    PluginIpamFacade(ConsumerRuntime runtime) {
        this.runtime = requireNonNull(runtime, "runtime is null");
    }

    @Override
    public AllocationResult allocateNext(PoolName pool, Family family, String owner) {
        checkOwner(owner);
        NextAddressRequest request = new NextAddressRequest(Optional.of(family), owner, Optional.of(pool), false);
        return runtime.service().allocateNext(request).addresses().get(family).allocation();
    }

    @Override
    public AllocationResult allocate(IpAddress address, PoolName pool, String owner) {
        checkOwner(owner);
        return runtime.service().allocate(address, pool, owner);
    }

    @Override
    public void release(IpAddress address, PoolName pool) {
        runtime.service().release(address, pool);
    }

    @Override
    public List<AllocationResult> allocationsOf(String owner) {
        return runtime.manager().allocationsOf(owner);
    }

    @Override
    public List<AllocationResult> allocations() {
        return runtime.manager().allocations();
    }

    @Override
    public boolean hasFreeAddress(PoolName pool, Family family) {
        return runtime.manager().hasFreeAddress(pool, family);
    }

    @Override
    public boolean firstSyncDone() {
        return runtime.firstSyncDone();
    }

    @Override
    public Optional<ResourceDocument> node() {
        return runtime.lastIngested();
    }

    @Override
    public Subscription onNodeChange(Runnable listener) {
        return runtime.onNodeChange(listener);
    }

    private static void checkOwner(String owner) {
        requireNonNull(owner, "owner is null");
        if (owner.getBytes(StandardCharsets.UTF_8).length > MAX_OWNER_BYTES) {
            throw new IllegalArgumentException("owner is longer than " + MAX_OWNER_BYTES + " bytes");
        }
    }
}
