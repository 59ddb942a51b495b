package dev.multipool.host.manager;

/**
 * The owners of the used addresses of one range: an open-addressing hash table from address index
 * to owner, with linear probing and backward-shift deletion, so it costs memory in proportion to
 * the addresses in use (about 16 bytes each at the lowest load) and creates no garbage per
 * operation. Not thread-safe: the manager's lock guards it.
 */
final class OwnerTable {

    private static final int MIN_CAPACITY = 16;

    /** Index + 1, so that 0 marks an empty slot. */
    private int[] keys = new int[MIN_CAPACITY];
    private String[] values = new String[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    String get(int index) {
        int key = index + 1;
        int mask = keys.length - 1;
        for (int slot = slotOf(key, mask); ; slot = (slot + 1) & mask) {
            int found = keys[slot];
            if (found == key) {
                return values[slot];
            }
            if (found == 0) {
                return null;
            }
        }
    }

    /** Records the owner of a free index. The caller guarantees the index has no owner yet. */
    void put(int index, String owner) {
        if (size + 1 > keys.length >>> 1) {
            resize(keys.length << 1);
        }
        int key = index + 1;
        int mask = keys.length - 1;
        int slot = slotOf(key, mask);
        while (keys[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = owner;
        size++;
    }

    /** Removes the owner of an index and returns it, or returns null when the index has none. */
    String remove(int index) {
        int key = index + 1;
        int mask = keys.length - 1;
        int slot = slotOf(key, mask);
        while (keys[slot] != key) {
            if (keys[slot] == 0) {
                return null;
            }
            slot = (slot + 1) & mask;
        }
        String owner = values[slot];
        shiftBack(slot, mask);
        size--;
        if (keys.length > MIN_CAPACITY && size < keys.length >>> 3) {
            resize(keys.length >>> 1);
        }
        return owner;
    }

    /** Calls the visitor for each (index, owner), in no particular order. */
    void forEach(IndexOwnerVisitor visitor) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != 0) {
                visitor.visit(keys[slot] - 1, values[slot]);
            }
        }
    }

    private void shiftBack(int hole, int mask) {
        int slot = hole;
        while (true) {
            slot = (slot + 1) & mask;
            int key = keys[slot];
            if (key == 0) {
                break;
            }
            int home = slotOf(key, mask);
            // move the entry into the hole unless its home lies cyclically in (hole, slot]
            boolean homeBetween = hole <= slot ? (hole < home && home <= slot) : (hole < home || home <= slot);
            if (!homeBetween) {
                keys[hole] = key;
                values[hole] = values[slot];
                hole = slot;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        String[] oldValues = values;
        keys = new int[capacity];
        values = new String[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            int key = oldKeys[i];
            if (key != 0) {
                int slot = slotOf(key, mask);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                values[slot] = oldValues[i];
            }
        }
    }

    private static int slotOf(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    /** Receives one (index, owner) pair. */
    @FunctionalInterface
    interface IndexOwnerVisitor {
        void visit(int index, String owner);
    }
}
