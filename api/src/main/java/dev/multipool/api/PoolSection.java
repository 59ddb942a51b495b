package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A consumer's part of the node resource: Cilium's {@code IPAMPoolSpec}, for example
 * {@code spec.ipam.pools} for pods or {@code spec.ipam.resourcepools} for DRA devices.
 *
 * <p>The host writes {@code requested}; an operator writes {@code allocated} and the host rewrites
 * it to give CIDRs back. Both lists are whole snapshots, never patches. Two sections are equal
 * exactly when their lists are equal, which is the host's test for "nothing to write".
 *
 * @param requested the demand per pool, copied and unmodifiable
 * @param allocated the delegated CIDRs per pool, copied and unmodifiable
 */
public record PoolSection(List<PoolRequest> requested, List<PoolAllocation> allocated) {

    /** A section with neither requests nor allocations. */
    public static final PoolSection EMPTY = new PoolSection(List.of(), List.of());

    /** Validates and copies the lists. */
    public PoolSection {
        requested = List.copyOf(requireNonNull(requested, "requested is null"));
        allocated = List.copyOf(requireNonNull(allocated, "allocated is null"));
    }

    /**
     * Returns whether the section holds nothing (it is then left out of the node resource).
     *
     * @return true if both lists are empty
     */
    public boolean isEmpty() {
        return requested.isEmpty() && allocated.isEmpty();
    }

    /**
     * Returns the allocation entry of one pool.
     *
     * @param pool the pool
     * @return the first entry for that pool, if any
     */
    public Optional<PoolAllocation> allocation(PoolName pool) {
        return allocated.stream().filter(entry -> entry.pool().equals(pool)).findFirst();
    }

    /**
     * Returns the request entry of one pool.
     *
     * @param pool the pool
     * @return the first entry for that pool, if any
     */
    public Optional<PoolRequest> request(PoolName pool) {
        return requested.stream().filter(entry -> entry.pool().equals(pool)).findFirst();
    }

    /**
     * Returns a copy with the {@code requested} list replaced.
     *
     * @param newRequested the new list
     * @return the new section
     */
    public PoolSection withRequested(List<PoolRequest> newRequested) {
        return new PoolSection(newRequested, allocated);
    }

    /**
     * Returns a copy with the {@code allocated} list replaced.
     *
     * @param newAllocated the new list
     * @return the new section
     */
    public PoolSection withAllocated(List<PoolAllocation> newAllocated) {
        return new PoolSection(requested, newAllocated);
    }
}
