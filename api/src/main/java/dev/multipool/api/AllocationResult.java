package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * An address handed out.
 *
 * @param address the address
 * @param pool the pool it came from
 * @param cidr the delegated CIDR that contains it
 * @param owner the owner it is recorded for
 * @param skipMasquerade the masquerade policy's answer for the pool (false for specific-address
 *     allocations, which do not consult the policy)
 */
public record AllocationResult(IpAddress address, PoolName pool, Cidr cidr, String owner, boolean skipMasquerade) {

    /** Validates the parts. */
    public AllocationResult {
        requireNonNull(address, "address is null");
        requireNonNull(pool, "pool is null");
        requireNonNull(cidr, "cidr is null");
        requireNonNull(owner, "owner is null");
        if (!cidr.contains(address)) {
            throw new IllegalArgumentException("address " + address + " is not inside " + cidr);
        }
    }

    /**
     * Returns the family of the address.
     *
     * @return the family
     */
    public Family family() {
        return address.family();
    }
}
