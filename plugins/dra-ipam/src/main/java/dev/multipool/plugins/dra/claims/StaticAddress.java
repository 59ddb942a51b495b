package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;

/**
 * An address a claim's device config fixes ({@code ipv4Addr} / {@code ipv6Addr}), with the prefix
 * length the interface gets. Cilium's driver writes these as prefixes ({@code 10.30.0.1/32}); a
 * bare address means a single-address prefix.
 *
 * @param address the address
 * @param prefixLength the interface prefix length
 */
public record StaticAddress(IpAddress address, int prefixLength) {

    /** Validates the parts. */
    public StaticAddress {
        requireNonNull(address, "address is null");
        if (prefixLength < 0 || prefixLength > address.family().bits()) {
            throw new IllegalArgumentException("invalid prefix length " + prefixLength + " for " + address);
        }
    }

    /**
     * Parses {@code address} or {@code address/length}.
     *
     * @param text the parameter value
     * @return the address
     * @throws IllegalArgumentException naming the text when it is not an address or prefix
     */
    public static StaticAddress parse(String text) {
        requireNonNull(text, "text is null");
        int slash = text.indexOf('/');
        IpAddress address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        if (slash < 0) {
            return new StaticAddress(address, address.family().bits());
        }
        String length = text.substring(slash + 1);
        if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid prefix \"" + text + "\"");
        }
        int prefix = Integer.parseInt(length);
        if (prefix > address.family().bits()) {
            throw new IllegalArgumentException("invalid prefix \"" + text + "\"");
        }
        return new StaticAddress(address, prefix);
    }

    /**
     * Returns the family of the address.
     *
     * @return the family
     */
    public Family family() {
        return address.family();
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
