package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import java.util.random.RandomGenerator;

/**
 * The addresses of one delegated CIDR and who holds them (spec R1–R8).
 *
 * <p>Index {@code i} stands for the address {@code network + i}. The range covers {@code size}
 * addresses: {@code 2^hostBits}, capped at 65,536 for IPv6 prefixes with 16 or more host bits, and
 * 0 for {@code /0} and {@code /1} (Cilium's quirk, kept: such a CIDR is "too small"). The usable
 * window excludes the network and the last address when the range has more than two addresses and
 * the {@link RangeRules} do not allow them.
 *
 * <p>Usage and owners live in a {@link UsageMap} (a paged {@code long[]} bitmap). A free counter
 * lets full ranges be skipped in O(1). The next address is searched from a random offset in the
 * window, a word at a time, wrapping around (R5). Addresses allocated outside the window (a
 * restore after the rules changed) stay allocated and are not counted against the window's free
 * count.
 *
 * <p>Not thread-safe: the manager's lock guards it.
 */
final class CidrRange {

    private static final int IPV6_SIZE_CAP = 1 << 16;

    private final Cidr cidr;
    private final IpAddress network;
    private final long highMask;
    private final long lowMask;
    private final int size;
    private final UsageMap usage;
    private int lo;
    private int hi;
    private int used;
    private int usedOutsideWindow;
    private boolean removed;

    CidrRange(Cidr cidr, RangeRules rules) {
        this.cidr = requireNonNull(cidr, "cidr is null");
        this.network = cidr.network();
        int prefix = cidr.prefixLength();
        if (cidr.family() == Family.IPV4) {
            highMask = 0;
            lowMask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
        } else {
            highMask = prefix >= 64 ? -1L : (prefix == 0 ? 0 : -1L << (64 - prefix));
            lowMask = prefix <= 64 ? 0 : (prefix == 128 ? -1L : -1L << (128 - prefix));
        }
        this.size = sizeOf(cidr);
        this.usage = new UsageMap(size);
        applyRules(requireNonNull(rules, "rules is null"));
    }

    /** R2: the number of addresses the range tracks. */
    static int sizeOf(Cidr cidr) {
        int hostBits = cidr.hostBits();
        if (hostBits >= cidr.family().bits() - 1) {
            return 0;
        }
        if (cidr.family() == Family.IPV6 && hostBits >= 16) {
            return IPV6_SIZE_CAP;
        }
        return 1 << hostBits;
    }

    /** R3, R4: recomputes the usable window; addresses already allocated stay allocated. */
    void applyRules(RangeRules rules) {
        if (size <= 2) {
            lo = 0;
            hi = size - 1;
        } else {
            lo = rules.allowFirstIp() ? 0 : 1;
            hi = rules.allowLastIp() ? size - 1 : size - 2;
        }
        usedOutsideWindow = 0;
        if (size > 0 && !inWindow(0) && isSet(0)) {
            usedOutsideWindow++;
        }
        if (size > 1 && !inWindow(size - 1) && isSet(size - 1)) {
            usedOutsideWindow++;
        }
    }

    Cidr cidr() {
        return cidr;
    }

    int size() {
        return size;
    }

    /** Usable addresses (the window's length). */
    int usable() {
        return hi - lo + 1;
    }

    /** R8: addresses in use, inside or outside the window. */
    int used() {
        return used;
    }

    /** Free addresses in the window. */
    int free() {
        return usable() - (used - usedOutsideWindow);
    }

    boolean removed() {
        return removed;
    }

    void markRemoved(boolean isRemoved) {
        this.removed = isRemoved;
    }

    /** Whether the address lies in this CIDR (even beyond the IPv6 cap). Allocates nothing. */
    boolean contains(IpAddress address) {
        return address.family() == network.family() && (address.high() & highMask) == network.high()
                && (address.low() & lowMask) == network.low();
    }

    /** The index of an address of this CIDR, or -1 when it is outside the tracked addresses. */
    int indexOf(IpAddress address) {
        return contains(address) ? indexOfContained(address) : -1;
    }

    /** {@link #indexOf} for an address the caller knows to be {@link #contains contained}. */
    int indexOfContained(IpAddress address) {
        long offset = address.offsetFrom(network);
        return offset >= 0 && offset < size ? (int) offset : -1;
    }

    boolean inWindow(int index) {
        return index >= lo && index <= hi;
    }

    IpAddress addressAt(int index) {
        return network.plus(index);
    }

    /** The first usable address (for messages). */
    IpAddress firstUsable() {
        return addressAt(lo);
    }

    /** The last usable address (for messages). */
    IpAddress lastUsable() {
        return addressAt(hi);
    }

    boolean isSet(int index) {
        return usage.isSet(index);
    }

    String ownerAt(int index) {
        return usage.ownerAt(index);
    }

    /** R5: a free index in the window, searched from a random offset, or -1 when full. */
    int nextFreeIndex(RandomGenerator random) {
        if (free() <= 0) {
            return -1;
        }
        int start = lo + random.nextInt(usable());
        int found = usage.findFree(start, hi);
        if (found < 0 && start > lo) {
            found = usage.findFree(lo, start - 1);
        }
        return found;
    }

    /** Marks a free index used by the owner. The caller checked {@code !isSet(index)}. */
    void take(int index, String owner) {
        usage.take(index, owner);
        used++;
        if (!inWindow(index)) {
            usedOutsideWindow++;
        }
    }

    /** R7: frees an index and returns its owner, or returns null (and does nothing) when free. */
    String release(int index) {
        String owner = usage.release(index);
        if (owner != null) {
            used--;
            if (!inWindow(index)) {
                usedOutsideWindow--;
            }
        }
        return owner;
    }

    /** Calls the visitor for every used index and its owner, in no particular order. */
    void forEachUsed(UsageMap.IndexOwnerVisitor visitor) {
        usage.forEachUsed(visitor);
    }

    @Override
    public String toString() {
        return cidr + " (used " + used + ", free " + free() + (removed ? ", removed" : "") + ")";
    }
}
