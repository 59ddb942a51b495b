package dev.multipool.host.manager;

/**
 * Which addresses of one range are used, and by whom: the storage under {@link CidrRange}.
 *
 * <p>Usage is a bitmap of {@code long} words in pages of 1,024 bits that exist only while one of
 * their bits is set (one emptied page is kept for reuse). Each used index points at a slot of an
 * {@link OwnerSlab}: for ranges up to 4,194,304 addresses through an {@code int} per address held
 * in a page next to the bitmap page (direct, one cache line per lookup, at most 4 bytes per address
 * of a page in use); for larger ranges through a {@link SlotTable}, so a huge, sparsely used prefix
 * costs memory in proportion to the addresses in use. Not thread-safe: the manager's lock guards it.
 */
final class UsageMap {

    private static final int PAGE_SHIFT = 10;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int DIRECT_LIMIT = 1 << 22;

    private final long[][] bits;
    private final int[][] slots;
    private final SlotTable table;
    private final int[] pageUsed;
    private final int pageLongs;
    private final int pageSlots;
    private final OwnerSlab slab = new OwnerSlab();
    private long[] spareBits;
    private int[] spareSlots;

    UsageMap(int size) {
        int pageCount = (size + PAGE_MASK) >>> PAGE_SHIFT;
        bits = new long[pageCount][];
        pageUsed = new int[pageCount];
        pageSlots = Math.min(PAGE_SIZE, size);
        pageLongs = Math.max(1, pageSlots >>> 6);
        boolean direct = size <= DIRECT_LIMIT;
        slots = direct ? new int[pageCount][] : null;
        table = direct ? null : new SlotTable();
    }

    boolean isSet(int index) {
        long[] page = bits[index >>> PAGE_SHIFT];
        return page != null && (page[(index & PAGE_MASK) >>> 6] & (1L << index)) != 0;
    }

    /** The owner of a used index, or null. */
    String ownerAt(int index) {
        if (!isSet(index)) {
            return null;
        }
        return slab.get(slots != null ? slots[index >>> PAGE_SHIFT][index & PAGE_MASK] : table.get(index));
    }

    /** Marks a free index used by the owner. The caller checked {@code !isSet(index)}. */
    void take(int index, String owner) {
        int p = index >>> PAGE_SHIFT;
        long[] page = bits[p];
        if (page == null) {
            page = spareBits != null ? spareBits : new long[pageLongs];
            spareBits = null;
            bits[p] = page;
            if (slots != null) {
                slots[p] = spareSlots != null ? spareSlots : new int[pageSlots];
                spareSlots = null;
            }
        }
        page[(index & PAGE_MASK) >>> 6] |= 1L << index;
        pageUsed[p]++;
        int slot = slab.add(owner);
        if (slots != null) {
            slots[p][index & PAGE_MASK] = slot;
        } else {
            table.put(index, slot);
        }
    }

    /** Frees an index and returns its owner, or returns null (and does nothing) when it is free. */
    String release(int index) {
        if (!isSet(index)) {
            return null;
        }
        int p = index >>> PAGE_SHIFT;
        long[] page = bits[p];
        page[(index & PAGE_MASK) >>> 6] &= ~(1L << index);
        int slot = slots != null ? slots[p][index & PAGE_MASK] : table.remove(index);
        if (--pageUsed[p] == 0) {
            bits[p] = null;
            spareBits = page;
            if (slots != null) {
                spareSlots = slots[p];
                slots[p] = null;
            }
        }
        String owner = slab.remove(slot);
        if (slab.sparse()) {
            compact();
        }
        return owner;
    }

    /** The first clear bit in {@code [from, to]}, or -1. Full pages are skipped without a scan. */
    int findFree(int from, int to) {
        while (from <= to) {
            int p = from >>> PAGE_SHIFT;
            int pageLast = Math.min(to, from | PAGE_MASK);
            long[] page = bits[p];
            if (page == null) {
                return from;
            }
            if (pageUsed[p] < PAGE_SIZE) {
                int word = (from & PAGE_MASK) >>> 6;
                int lastWord = (pageLast & PAGE_MASK) >>> 6;
                long free = ~page[word] & (-1L << from);
                while (word < lastWord) {
                    if (free != 0) {
                        return (p << PAGE_SHIFT) + (word << 6) + Long.numberOfTrailingZeros(free);
                    }
                    free = ~page[++word];
                }
                free &= -1L >>> (63 - (pageLast & 63));
                if (free != 0) {
                    return (p << PAGE_SHIFT) + (word << 6) + Long.numberOfTrailingZeros(free);
                }
            }
            from = pageLast + 1;
        }
        return -1;
    }

    /** Calls the visitor for every used index and its owner. */
    void forEachUsed(IndexOwnerVisitor visitor) {
        if (slots == null) {
            table.forEach((index, slot) -> visitor.visit(index, slab.get(slot)));
            return;
        }
        forEachSetBit((index, p) -> visitor.visit(index, slab.get(slots[p][index & PAGE_MASK])));
    }

    private void compact() {
        int[] moved = slab.compact();
        if (slots == null) {
            table.remap(moved);
        } else {
            forEachSetBit((index, p) -> slots[p][index & PAGE_MASK] = moved[slots[p][index & PAGE_MASK]]);
        }
    }

    private void forEachSetBit(IndexPageVisitor visitor) {
        for (int p = 0; p < bits.length; p++) {
            long[] page = bits[p];
            if (page == null) {
                continue;
            }
            for (int word = 0; word < page.length; word++) {
                long set = page[word];
                while (set != 0) {
                    visitor.visit((p << PAGE_SHIFT) + (word << 6) + Long.numberOfTrailingZeros(set), p);
                    set &= set - 1;
                }
            }
        }
    }

    /** Receives one (index, owner) pair. */
    @FunctionalInterface
    interface IndexOwnerVisitor {
        void visit(int index, String owner);
    }

    private interface IndexPageVisitor {
        void visit(int index, int page);
    }
}
