package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * One IP address, held as two 64-bit halves so that range arithmetic needs no allocation.
 *
 * <p>An IPv4 address uses the low 32 bits of {@code low}; {@code high} is zero. An IPv6 address
 * uses all 128 bits. An IPv4-mapped IPv6 address such as {@code ::ffff:10.0.0.1} stays IPv6.
 *
 * <p>{@link #parse(String)} is strict: dotted decimal without leading zeros, or standard IPv6 text
 * without a zone. {@link #toString()} gives the canonical text (RFC 5952 for IPv6), which is what
 * Cilium prints and what the REST API returns.
 *
 * @param family the address family
 * @param high the upper 64 bits (always 0 for IPv4)
 * @param low the lower 64 bits
 */
public record IpAddress(Family family, long high, long low) implements Comparable<IpAddress> {

    private static final long IPV4_MASK = 0xFFFF_FFFFL;

    /**
     * Validates the halves against the family.
     *
     * @throws IllegalArgumentException if an IPv4 address has bits above the lowest 32
     */
    public IpAddress {
        requireNonNull(family, "family is null");
        if (family == Family.IPV4 && (high != 0 || (low & ~IPV4_MASK) != 0)) {
            throw new IllegalArgumentException("IPv4 address out of range: high=" + high + " low=" + low);
        }
    }

    /**
     * Returns the IPv4 address with the given 32-bit value.
     *
     * @param value the address as an unsigned 32-bit value in the low bits
     * @return the address
     */
    public static IpAddress ipv4(long value) {
        return new IpAddress(Family.IPV4, 0, value);
    }

    /**
     * Returns the IPv6 address with the given halves.
     *
     * @param high upper 64 bits
     * @param low lower 64 bits
     * @return the address
     */
    public static IpAddress ipv6(long high, long low) {
        return new IpAddress(Family.IPV6, high, low);
    }

    /**
     * Parses an address strictly.
     *
     * @param text dotted-decimal IPv4 (no leading zeros, exactly four parts) or standard IPv6 text
     *     (no zone, no brackets)
     * @return the address
     * @throws IllegalArgumentException naming the text when it is not a valid address
     */
    public static IpAddress parse(String text) {
        requireNonNull(text, "text is null");
        IpAddress parsed = text.indexOf(':') >= 0 ? IpAddressParser.parseIpv6(text) : IpAddressParser.parseIpv4(text);
        if (parsed == null) {
            throw new IllegalArgumentException("invalid IP address \"" + text + "\"");
        }
        return parsed;
    }

    /**
     * Returns whether the text is a valid address for {@link #parse(String)}.
     *
     * @param text any text
     * @return true if {@code parse} would accept it
     */
    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        return (text.indexOf(':') >= 0 ? IpAddressParser.parseIpv6(text) : IpAddressParser.parseIpv4(text)) != null;
    }

    /**
     * Returns this address plus an unsigned offset, wrapping within the family's address space.
     *
     * @param offset a non-negative offset
     * @return the address {@code offset} positions after this one
     */
    public IpAddress plus(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (family == Family.IPV4) {
            return ipv4((low + offset) & IPV4_MASK);
        }
        long newLow = low + offset;
        long carry = Long.compareUnsigned(newLow, low) < 0 ? 1 : 0;
        return ipv6(high + carry, newLow);
    }

    /**
     * Returns the distance from {@code base} to this address, if it fits in a non-negative long.
     *
     * @param base an address of the same family, not after this one
     * @return the offset, or -1 when this address is before {@code base}, of another family, or too
     *     far away
     */
    public long offsetFrom(IpAddress base) {
        if (base.family != family) {
            return -1;
        }
        long diffLow = low - base.low;
        long borrow = Long.compareUnsigned(low, base.low) < 0 ? 1 : 0;
        long diffHigh = high - base.high - borrow;
        if (diffHigh != 0 || diffLow < 0) {
            return -1;
        }
        return diffLow;
    }

    /**
     * Returns the address as 4 or 16 network-order bytes.
     *
     * @return a new array
     */
    public byte[] toBytes() {
        int length = family.bits() / 8;
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int bitFromRight = (length - 1 - i) * 8;
            long half = bitFromRight >= 64 ? high : low;
            bytes[i] = (byte) (half >>> (bitFromRight % 64));
        }
        return bytes;
    }

    @Override
    public int compareTo(IpAddress other) {
        int byFamily = family.compareTo(other.family);
        if (byFamily != 0) {
            return byFamily;
        }
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    /**
     * Returns the canonical text of the address.
     *
     * @return dotted decimal for IPv4, RFC 5952 text for IPv6
     */
    @Override
    public String toString() {
        return family == Family.IPV4 ? IpAddressParser.formatIpv4(low) : IpAddressParser.formatIpv6(high, low);
    }
}
