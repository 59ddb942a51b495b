package dev.multipool.host.manager;

import dev.multipool.api.Cidr;
import java.util.random.RandomGenerator;

/**
 * Benchmark access to one {@link CidrRange}, the allocator the manager runs under its lock: the
 * paged {@code long[]} bitmap with its owner slots, free counters and usable window. It lives in the
 * manager's package (in the benchmark jar only) so the range stays package-private in the host.
 * Not thread-safe, like the range itself.
 */
public final class RangeProbe {

    private final CidrRange range;
    private final RandomGenerator random;

    /**
     * Creates a range of the CIDR with the default first/last rules (both excluded).
     *
     * @param cidr the CIDR
     * @param random picks the start offsets of next-address searches
     */
    public RangeProbe(Cidr cidr, RandomGenerator random) {
        this.range = new CidrRange(cidr, RangeRules.DEFAULT);
        this.random = random;
    }

    /**
     * Takes the next free index from a random start, as the manager's next-address allocation does.
     *
     * @param owner who holds the address
     * @return the index (address = network + index), or -1 when the range is full
     */
    public int next(String owner) {
        int index = range.nextFreeIndex(random);
        if (index >= 0) {
            range.take(index, owner);
        }
        return index;
    }

    /**
     * Takes one index when it is free and inside the usable window.
     *
     * @param index the index
     * @param owner who holds the address
     * @return whether it was taken
     */
    public boolean take(int index, String owner) {
        if (!range.inWindow(index) || range.isSet(index)) {
            return false;
        }
        range.take(index, owner);
        return true;
    }

    /**
     * Frees an index.
     *
     * @param index the index
     * @return the owner it had, or null when it was free
     */
    public String release(int index) {
        return range.release(index);
    }
}
