package dev.multipool.bench.allocator;

import java.util.SplittableRandom;

/**
 * The baseline: the least an allocator of one CIDR can do. A flat {@code long[]} bitmap over the
 * usable addresses, a random start offset, a word-at-a-time scan for a clear bit wrapping around,
 * and a release that clears the bit. No owners, no locking, no result objects.
 */
public final class RawBitmap {

    private final long[] words;
    private final int size;
    private final SplittableRandom random;

    /**
     * Creates an empty bitmap.
     *
     * @param size the number of addresses
     * @param random picks the start offsets
     */
    public RawBitmap(int size, SplittableRandom random) {
        this.size = size;
        this.words = new long[(size + 63) >>> 6];
        this.random = random;
    }

    /** Takes the first clear bit at or after a random start, wrapping; -1 when full. */
    public int next() {
        int start = random.nextInt(size);
        int found = scan(start, size - 1);
        if (found < 0 && start > 0) {
            found = scan(0, start - 1);
        }
        if (found >= 0) {
            words[found >>> 6] |= 1L << found;
        }
        return found;
    }

    /** Takes a specific bit; false when it is already set. */
    public boolean take(int index) {
        long bit = 1L << index;
        long word = words[index >>> 6];
        if ((word & bit) != 0) {
            return false;
        }
        words[index >>> 6] = word | bit;
        return true;
    }

    public void release(int index) {
        words[index >>> 6] &= ~(1L << index);
    }

    public boolean isSet(int index) {
        return (words[index >>> 6] & (1L << index)) != 0;
    }

    private int scan(int from, int to) {
        int word = from >>> 6;
        int lastWord = to >>> 6;
        long free = ~words[word] & (-1L << from);
        while (word < lastWord) {
            if (free != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(free);
            }
            free = ~words[++word];
        }
        free &= -1L >>> (63 - (to & 63));
        return free != 0 ? (word << 6) + Long.numberOfTrailingZeros(free) : -1;
    }
}
