package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The name of an IP pool: the {@code metadata.name} of a CiliumPodIPPool or CiliumResourceIPPool,
 * hence a DNS-1123 subdomain of at most 253 characters.
 *
 * @param value the name
 */
public record PoolName(String value) implements Comparable<PoolName> {

    /** Longest name a Kubernetes object may have. */
    public static final int MAX_LENGTH = 253;

    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /**
     * Validates the name.
     *
     * @throws IllegalArgumentException if the name is empty, too long or not a DNS-1123 subdomain
     */
    public PoolName {
        requireNonNull(value, "value is null");
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid pool name \"" + value
                    + "\": must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.') of at most "
                    + MAX_LENGTH + " characters");
        }
    }

    /**
     * Returns the pool name for the text.
     *
     * @param value a DNS-1123 subdomain
     * @return the pool name
     */
    public static PoolName of(String value) {
        return new PoolName(value);
    }

    /**
     * Returns whether the text is a valid pool name.
     *
     * @param value any text, or null
     * @return true if {@code new PoolName(value)} would succeed
     */
    public static boolean isValid(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_LENGTH
                && DNS_1123_SUBDOMAIN.matcher(value).matches();
    }

    @Override
    public int compareTo(PoolName other) {
        return value.compareTo(other.value);
    }

    /**
     * Returns the name itself.
     *
     * @return the name
     */
    @Override
    public String toString() {
        return value;
    }
}
