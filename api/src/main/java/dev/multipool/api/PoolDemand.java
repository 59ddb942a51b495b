package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * How many addresses of each family a node wants from one pool: the {@code needed} object of a
 * CiliumNode request ({@code ipv4-addrs}, {@code ipv6-addrs}). The numbers are absolute totals,
 * not deltas.
 *
 * @param ipv4Addrs IPv4 addresses wanted, not negative
 * @param ipv6Addrs IPv6 addresses wanted, not negative
 */
public record PoolDemand(int ipv4Addrs, int ipv6Addrs) {

    /** No demand in either family. */
    public static final PoolDemand NONE = new PoolDemand(0, 0);

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public PoolDemand {
        if (ipv4Addrs < 0 || ipv6Addrs < 0) {
            throw new IllegalArgumentException(
                    "demand must not be negative: ipv4-addrs=" + ipv4Addrs + ", ipv6-addrs=" + ipv6Addrs);
        }
    }

    /**
     * Returns the demand for one family.
     *
     * @param family the family
     * @return the count for that family
     */
    public int get(Family family) {
        return requireNonNull(family, "family is null") == Family.IPV4 ? ipv4Addrs : ipv6Addrs;
    }

    /**
     * Returns a copy with the count of one family replaced.
     *
     * @param family the family to change
     * @param count the new count, not negative
     * @return the new demand
     */
    public PoolDemand with(Family family, int count) {
        return requireNonNull(family, "family is null") == Family.IPV4 ? new PoolDemand(count, ipv6Addrs)
                : new PoolDemand(ipv4Addrs, count);
    }

    /**
     * Returns whether both counts are zero (such a request is left out of the CiliumNode).
     *
     * @return true if nothing is wanted
     */
    public boolean isZero() {
        return ipv4Addrs == 0 && ipv6Addrs == 0;
    }
}
