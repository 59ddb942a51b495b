package dev.multipool.host.consumer;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.util.Set;

/**
 * One consumer's IPAM layer as the REST API drives it: family order and rollback for dual
 * requests, pool selection, expiration timers, durable records. Every method is thread-safe,
 * returns only after the change is durable, and never waits for the API server.
 */
public interface IpamService {

    /**
     * Returns the consumer's id.
     *
     * @return the id
     */
    String consumerId();

    /**
     * Returns the families enabled on this host.
     *
     * @return one or both families
     */
    Set<Family> enabledFamilies();

    /**
     * Allocates the next address of one family, or of every enabled family (IPv6 first, IPv6
     * released again when IPv4 fails).
     *
     * @param request what to allocate
     * @return the addresses and the node's addressing
     * @throws dev.multipool.api.IpamException typed: not ready, exhausted, selection, policy,
     *     family disabled
     */
    IpamReply allocateNext(NextAddressRequest request);

    /**
     * Allocates one specific address. The masquerade policy is not consulted.
     *
     * @param address the address
     * @param pool the pool
     * @param owner the owner
     * @return the allocation
     * @throws dev.multipool.api.IpamException typed: in use, not in range, not ready, family disabled
     */
    AllocationResult allocate(IpAddress address, PoolName pool, String owner);

    /**
     * Releases an address and stops its expiration timer.
     *
     * @param address the address
     * @param pool the pool
     * @throws dev.multipool.api.AddressNotAllocatedException if it is not allocated in the pool
     */
    void release(IpAddress address, PoolName pool);

    /**
     * Stops the expiration timer of an address, confirming the allocation.
     *
     * @param address the address
     * @param pool the pool
     * @param uuid the timer's UUID as returned by {@link #allocateNext}
     * @throws ExpirationTimerException if there is no timer or the UUID does not match
     */
    void stopExpiration(IpAddress address, PoolName pool, String uuid);

    /**
     * Returns the node's addressing as reported in every reply.
     *
     * @return per family: enabled, alloc range
     */
    HostAddressing hostAddressing();
}
