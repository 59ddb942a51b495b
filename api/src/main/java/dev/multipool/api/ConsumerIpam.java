package dev.multipool.api;

import java.util.List;
import java.util.Optional;

/**
 * A consumer's own manager, as the consumer's plugin sees it. Allocations made here are the same
 * as those made through the REST API: recorded durably before the call returns, restored after a
 * restart, counted in metrics. Every method is thread-safe and never waits for the API server.
 */
public interface ConsumerIpam {

    /**
     * Allocates the next free address of a family from a pool.
     *
     * @param pool the pool
     * @param family the family
     * @param owner who holds the address (at most 512 bytes of UTF-8)
     * @return the allocation
     * @throws PoolNotReadyException if the node has no CIDR of that family for the pool yet
     * @throws PoolExhaustedException if every CIDR is full
     * @throws MasqueradePolicyException if the masquerade policy cannot decide
     * @throws FamilyDisabledException if the family is disabled
     */
    AllocationResult allocateNext(PoolName pool, Family family, String owner);

    /**
     * Allocates one specific address from a pool.
     *
     * @param address the address
     * @param pool the pool
     * @param owner who holds the address
     * @return the allocation
     * @throws AddressInUseException if the address is taken
     * @throws AddressNotInRangeException if no delegated CIDR of the pool can hold it
     * @throws PoolNotReadyException if the node has no CIDR of that family for the pool yet
     * @throws FamilyDisabledException if the family is disabled
     */
    AllocationResult allocate(IpAddress address, PoolName pool, String owner);

    /**
     * Releases an address.
     *
     * @param address the address
     * @param pool the pool it was allocated from
     * @throws AddressNotAllocatedException if it is not allocated in that pool
     * @throws FamilyDisabledException if the family is disabled
     */
    void release(IpAddress address, PoolName pool);

    /**
     * Returns the addresses an owner holds, for example to find what a claim already has after a
     * restart.
     *
     * @param owner the owner
     * @return its allocations, in no particular order
     */
    List<AllocationResult> allocationsOf(String owner);

    /**
     * Returns every address the consumer holds, for example to find owners whose claims went away
     * while the host was down.
     *
     * @return all allocations of the consumer, in no particular order
     */
    List<AllocationResult> allocations();

    /**
     * Returns whether the pool has at least one free, usable address of the family right now (the
     * condition of Cilium's start-up wait for pre-allocated pools).
     *
     * @param pool the pool
     * @param family the family
     * @return true if an allocation would find an address
     */
    boolean hasFreeAddress(PoolName pool, Family family);

    /**
     * Returns whether the consumer's section has been written to (or found equal in) the node
     * resource at least once since start.
     *
     * @return true after the first successful sync
     */
    boolean firstSyncDone();

    /**
     * Returns the latest node resource the host has seen.
     *
     * @return the node, or empty before the first one arrived
     */
    Optional<ResourceDocument> node();

    /**
     * Registers a listener called after every node resource update (on a host thread).
     *
     * @param listener the listener; must not block
     * @return the registration
     */
    Subscription onNodeChange(Runnable listener);
}
