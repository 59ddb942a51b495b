package dev.multipool.api;

import java.util.Locale;

/**
 * An IP address family. The wire names ({@code ipv4}, {@code ipv6}) are the ones Cilium uses in
 * its REST API, its error messages and the {@code needed} keys of a CiliumNode.
 */
public enum Family {
    /** IPv4: 32-bit addresses. */
    IPV4("ipv4", 32),
    /** IPv6: 128-bit addresses. */
    IPV6("ipv6", 128);

    private final String wireName;
    private final int bits;

    Family(String wireName, int bits) {
        this.wireName = wireName;
        this.bits = bits;
    }

    /**
     * Returns the lower-case name used on the wire and in messages.
     *
     * @return {@code ipv4} or {@code ipv6}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the number of bits in an address of this family.
     *
     * @return 32 or 128
     */
    public int bits() {
        return bits;
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @param text {@code ipv4} or {@code ipv6}
     * @return the family
     * @throws IllegalArgumentException if the text names no family
     */
    public static Family parse(String text) {
        if (text != null) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "ipv4":
                    return IPV4;
                case "ipv6":
                    return IPV6;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("invalid family \"" + text + "\": must be ipv4 or ipv6");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
