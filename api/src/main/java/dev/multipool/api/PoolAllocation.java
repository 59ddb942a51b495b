package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry of a section's {@code allocated} list: the CIDRs of one pool delegated to this node.
 * IPv4 and IPv6 CIDRs share the list, in the order given.
 *
 * @param pool the pool
 * @param cidrs the delegated CIDRs, never null; copied and unmodifiable
 */
public record PoolAllocation(PoolName pool, List<Cidr> cidrs) {

    /** Validates and copies the parts. */
    public PoolAllocation {
        requireNonNull(pool, "pool is null");
        cidrs = List.copyOf(requireNonNull(cidrs, "cidrs is null"));
    }

    /**
     * Returns the CIDRs of one family, in list order.
     *
     * @param family the family
     * @return the CIDRs of that family
     */
    public List<Cidr> cidrs(Family family) {
        return cidrs.stream().filter(cidr -> cidr.family() == family).toList();
    }
}
