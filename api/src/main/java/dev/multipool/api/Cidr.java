package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * An IP prefix: a network address and a prefix length, always normalised to its network address
 * (host bits cleared), as Cilium does with every CIDR it reads from a CiliumNode.
 *
 * @param network the network address; host bits are cleared by the constructor
 * @param prefixLength 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record Cidr(IpAddress network, int prefixLength) implements Comparable<Cidr> {

    /**
     * Validates the prefix length and clears the host bits of {@code network}.
     *
     * @throws IllegalArgumentException if the prefix length does not fit the family
     */
    public Cidr {
        requireNonNull(network, "network is null");
        int bits = network.family().bits();
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException(
                    "invalid prefix length " + prefixLength + " for " + network.family() + " address " + network);
        }
        network = mask(network, prefixLength);
    }

    /**
     * Parses {@code address/length}. The address is parsed as strictly as by
     * {@link IpAddress#parse(String)}; the length is decimal without leading zeros. Host bits are
     * cleared, so {@code 192.168.1.0/16} gives {@code 192.168.0.0/16}.
     *
     * @param text the CIDR text
     * @return the normalised CIDR
     * @throws IllegalArgumentException naming the text when it is not a valid CIDR
     */
    public static Cidr parse(String text) {
        requireNonNull(text, "text is null");
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.length() - slash > 4) {
            throw invalid(text);
        }
        String lengthText = text.substring(slash + 1);
        int length = 0;
        for (int i = 0; i < lengthText.length(); i++) {
            char c = lengthText.charAt(i);
            if (c < '0' || c > '9' || (i == 0 && c == '0' && lengthText.length() > 1)) {
                throw invalid(text);
            }
            length = length * 10 + (c - '0');
        }
        IpAddress address;
        try {
            address = IpAddress.parse(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
        if (length > address.family().bits()) {
            throw invalid(text);
        }
        return new Cidr(address, length);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid CIDR \"" + text + "\"");
    }

    private static IpAddress mask(IpAddress address, int prefixLength) {
        if (address.family() == Family.IPV4) {
            long keep = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
            return IpAddress.ipv4(address.low() & keep);
        }
        long highKeep = prefixLength >= 64 ? -1L : (prefixLength == 0 ? 0 : -1L << (64 - prefixLength));
        long lowKeep = prefixLength <= 64 ? 0 : (prefixLength == 128 ? -1L : -1L << (128 - prefixLength));
        return IpAddress.ipv6(address.high() & highKeep, address.low() & lowKeep);
    }

    /**
     * Returns the family of the prefix.
     *
     * @return the network address's family
     */
    public Family family() {
        return network.family();
    }

    /**
     * Returns the number of host bits ({@code family bits - prefix length}).
     *
     * @return 0 to 128
     */
    public int hostBits() {
        return network.family().bits() - prefixLength;
    }

    /**
     * Returns whether the address lies inside this prefix.
     *
     * @param address any address
     * @return true if the address has this family and this prefix
     */
    public boolean contains(IpAddress address) {
        return address.family() == family() && mask(address, prefixLength).equals(network);
    }

    /**
     * Returns the number of addresses in the prefix, saturated at {@link Long#MAX_VALUE}.
     *
     * @return {@code 2^hostBits}, or {@code Long.MAX_VALUE} when that does not fit
     */
    public long addressCount() {
        int hostBits = hostBits();
        return hostBits >= 63 ? Long.MAX_VALUE : 1L << hostBits;
    }

    /**
     * Orders IPv4 before IPv6, then by network address, then by prefix length.
     *
     * @param other another prefix
     * @return the comparison result
     */
    @Override
    public int compareTo(Cidr other) {
        int byNetwork = network.compareTo(other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
    }

    /**
     * Returns {@code network/prefixLength} in canonical text.
     *
     * @return the CIDR text
     */
    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
