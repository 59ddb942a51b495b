package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One family of a pool object: the CIDRs it carves node blocks from, and the block size.
 *
 * @param cidrs the pool's CIDRs, all of one family, at least one
 * @param maskSize the prefix length of each block delegated to a node
 */
public record FamilyPool(List<Cidr> cidrs, int maskSize) {

    /** Validates the parts. */
    public FamilyPool {
        cidrs = List.copyOf(requireNonNull(cidrs, "cidrs is null"));
        if (cidrs.isEmpty()) {
            throw new IllegalArgumentException("a pool family needs at least one CIDR");
        }
        Family family = cidrs.get(0).family();
        for (Cidr cidr : cidrs) {
            if (cidr.family() != family) {
                throw new IllegalArgumentException("CIDR " + cidr + " is not " + family);
            }
            if (maskSize < cidr.prefixLength()) {
                throw new IllegalArgumentException("maskSize " + maskSize + " is shorter than the prefix of " + cidr);
            }
        }
        if (maskSize < 1 || maskSize > family.bits()) {
            throw new IllegalArgumentException("maskSize " + maskSize + " out of range 1.." + family.bits() + " for " + family);
        }
    }

    /**
     * Returns the family of the CIDRs.
     *
     * @return the family
     */
    public Family family() {
        return cidrs.get(0).family();
    }
}
