package dev.multipool.host.manager;

import dev.multipool.api.DemandMode;

/**
 * How many addresses of one family a node asks for from one pool (spec M24–M28).
 *
 * <p>{@code base} is the addresses in use (ranges marked removed included, deferred restores
 * included) plus the distinct owners with a pending failed allocation. A pool without a
 * pre-allocation entry asks for exactly {@code base}; with one, an enabled family asks for
 * {@link #neededIpCeil} of it (or {@code base + p} in {@link DemandMode#LINEAR} mode). Our
 * pre-allocation values are never negative, and 0 means "no pre-allocation", so
 * {@code neededIpCeil(n, 0) = n}.
 */
public final class Demand {

    private Demand() {
    }

    /**
     * M26: rounds {@code n} up so that at least {@code p} and at most {@code 2p - 1} addresses are
     * spare: {@code (n / p + 1) * p} when {@code p} divides {@code n}, else {@code (n / p + 2) * p}.
     *
     * @param n addresses in use plus pending, not negative
     * @param p the pre-allocation, not negative; 0 returns {@code n}
     * @return the demand
     */
    public static long neededIpCeil(long n, long p) {
        checkNotNegative(n, p);
        if (p == 0) {
            return n;
        }
        long quotient = n / p;
        return n % p > 0 ? (quotient + 2) * p : (quotient + 1) * p;
    }

    /**
     * M27: the linear variant, {@code n + p}, from which an operator can recover the usage.
     *
     * @param n addresses in use plus pending, not negative
     * @param p the pre-allocation, not negative
     * @return the demand
     */
    public static long linear(long n, long p) {
        checkNotNegative(n, p);
        return n + p;
    }

    /**
     * M25, M28: the demand of one family of one pool.
     *
     * @param base addresses in use plus pending owners
     * @param preAllocation the pool's pre-allocation, or null when the pool has no entry
     * @param mode ceil or linear
     * @param familyEnabled whether the family is enabled (a disabled family keeps {@code base})
     * @return the demand, saturated at {@link Integer#MAX_VALUE} (the node resource holds an int)
     */
    public static int of(long base, Integer preAllocation, DemandMode mode, boolean familyEnabled) {
        long demand = base;
        if (preAllocation != null && familyEnabled) {
            demand = mode == DemandMode.LINEAR ? linear(base, preAllocation) : neededIpCeil(base, preAllocation);
        }
        return (int) Math.min(demand, Integer.MAX_VALUE);
    }

    private static void checkNotNegative(long n, long p) {
        if (n < 0 || p < 0) {
            throw new IllegalArgumentException("demand inputs must not be negative: n=" + n + ", p=" + p);
        }
    }
}
