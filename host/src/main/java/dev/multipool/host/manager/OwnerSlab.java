package dev.multipool.host.manager;

import java.util.Arrays;

/**
 * Owner strings of one range, each in a numbered slot; freed slots are reused last-in first-out.
 *
 * <p>Address indexes point at slots instead of holding the strings, so the only reference store
 * per allocation goes to a recently used slot. Storing references at random places of a large
 * array is what makes a collector's write barrier (G1's card refinement) and cache misses expensive
 * on the allocation path. Not thread-safe: the manager's lock guards it.
 */
final class OwnerSlab {

    private static final int MIN_CAPACITY = 16;

    private String[] owners = new String[MIN_CAPACITY];
    private int top;
    private int[] free = new int[MIN_CAPACITY];
    private int freeCount;

    /** Stores an owner and returns its slot. */
    int add(String owner) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (top == owners.length) {
                owners = Arrays.copyOf(owners, owners.length << 1);
                free = Arrays.copyOf(free, owners.length);
            }
            slot = top++;
        }
        owners[slot] = owner;
        return slot;
    }

    String get(int slot) {
        return owners[slot];
    }

    /** Frees a slot and returns the owner it held. */
    String remove(int slot) {
        String owner = owners[slot];
        owners[slot] = null;
        free[freeCount++] = slot;
        return owner;
    }

    /** Owners held. */
    int size() {
        return top - freeCount;
    }

    /** Whether the slab is large and mostly empty, so that {@link #compact} is worth running. */
    boolean sparse() {
        return owners.length > 1024 && size() < owners.length >>> 3;
    }

    /**
     * Moves every owner to the front of a smaller slab and returns, for each old slot, its new slot
     * (or -1 when the old slot was free). The caller rewrites the slot numbers it holds.
     */
    int[] compact() {
        int[] moved = new int[top];
        Arrays.fill(moved, -1);
        String[] packed = new String[Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size())) << 1)];
        int next = 0;
        for (int slot = 0; slot < top; slot++) {
            if (owners[slot] != null) {
                packed[next] = owners[slot];
                moved[slot] = next++;
            }
        }
        owners = packed;
        free = new int[packed.length];
        freeCount = 0;
        top = next;
        return moved;
    }
}
