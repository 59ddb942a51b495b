package dev.multipool.host.manager;

/**
 * Address index to owner slot for very large ranges, in memory proportional to the addresses in
 * use: an open-addressing hash table (linear probing, backward-shift deletion) whose entries pack
 * the index and the slot into one {@code long}, so a lookup touches one cache line and stores no
 * reference. About 16–32 bytes per used address; no garbage per operation. Not thread-safe: the
 * manager's lock guards it.
 */
final class SlotTable {

    private static final int MIN_CAPACITY = 16;
    private static final long EMPTY = 0L;
    private static final long KEY_MASK = 0xFFFF_FFFF_0000_0000L;

    /** {@code (index + 1) << 32 | slot}; 0 marks an empty entry. */
    private long[] entries = new long[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** The slot of an index, or -1. */
    int get(int index) {
        int position = find(index);
        return position < 0 ? -1 : (int) entries[position];
    }

    /** Records the slot of an index that has none. */
    void put(int index, int slot) {
        if (size + 1 > entries.length >>> 1) {
            rehash(entries.length << 1);
        }
        insert(entries, (long) (index + 1) << 32 | slot);
        size++;
    }

    /** Forgets an index and returns its slot, or -1 when it had none. */
    int remove(int index) {
        int position = find(index);
        if (position < 0) {
            return -1;
        }
        int slot = (int) entries[position];
        shiftBack(position, entries.length - 1);
        size--;
        if (entries.length > MIN_CAPACITY && size < entries.length >>> 3) {
            rehash(entries.length >>> 1);
        }
        return slot;
    }

    /** Calls the visitor for each (index, slot), in no particular order. */
    void forEach(IndexSlotVisitor visitor) {
        for (long entry : entries) {
            if (entry != EMPTY) {
                visitor.visit((int) (entry >>> 32) - 1, (int) entry);
            }
        }
    }

    /** Rewrites every slot through {@code moved} (see {@link OwnerSlab#compact}). */
    void remap(int[] moved) {
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != EMPTY) {
                entries[i] = (entries[i] & KEY_MASK) | moved[(int) entries[i]];
            }
        }
    }

    private int find(int index) {
        long key = (long) (index + 1) << 32;
        int mask = entries.length - 1;
        for (int position = home(index + 1, mask); ; position = (position + 1) & mask) {
            long entry = entries[position];
            if ((entry & KEY_MASK) == key) {
                return position;
            }
            if (entry == EMPTY) {
                return -1;
            }
        }
    }

    private void shiftBack(int hole, int mask) {
        int position = hole;
        while (true) {
            position = (position + 1) & mask;
            long entry = entries[position];
            if (entry == EMPTY) {
                break;
            }
            int home = home((int) (entry >>> 32), mask);
            // move the entry into the hole unless its home lies cyclically in (hole, position]
            boolean homeBetween = hole <= position ? (hole < home && home <= position) : (hole < home || home <= position);
            if (!homeBetween) {
                entries[hole] = entry;
                hole = position;
            }
        }
        entries[hole] = EMPTY;
    }

    private void rehash(int capacity) {
        long[] old = entries;
        entries = new long[capacity];
        for (long entry : old) {
            if (entry != EMPTY) {
                insert(entries, entry);
            }
        }
    }

    private static void insert(long[] table, long entry) {
        int mask = table.length - 1;
        int position = home((int) (entry >>> 32), mask);
        while (table[position] != EMPTY) {
            position = (position + 1) & mask;
        }
        table[position] = entry;
    }

    private static int home(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    /** Receives one (index, slot) pair. */
    @FunctionalInterface
    interface IndexSlotVisitor {
        void visit(int index, int slot);
    }
}
