package dev.multipool.host.rest;

import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The syntax checks of the REST contract. Each returns the parsed value or throws a 400
 * {@link HttpProblem} that names the parameter and the value; none touches the host.
 */
final class InputRules {

    /** Longest owner accepted, in bytes of UTF-8. */
    static final int MAX_OWNER_BYTES = 512;

    /** Header that asks for expiration timers on {@code POST /v1/ipam}. */
    static final String EXPIRATION_HEADER = "expiration";

    private InputRules() {
    }

    /**
     * Parses the optional {@code family} parameter: exactly {@code ipv4} or {@code ipv6}.
     *
     * @param query the parameters
     * @return the family, or empty for every enabled family
     */
    static Optional<Family> family(QueryParameters query) {
        Optional<String> text = query.get("family");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (Family family : Family.values()) {
            if (family.wireName().equals(text.get())) {
                return Optional.of(family);
            }
        }
        throw HttpProblem.badRequest("invalid family \"" + text.get() + "\": must be ipv4 or ipv6");
    }

    /**
     * Parses the {@code {ip}} path segment strictly (no {@code 1.2.3}, no leading zeros, no
     * zone).
     *
     * @param text the decoded segment
     * @return the address
     */
    static IpAddress address(String text) {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage()
                    + ": expected dotted-decimal IPv4 without leading zeros or IPv6 text without a zone");
        }
    }

    /**
     * Returns the {@code owner} parameter, empty when absent.
     *
     * @param query the parameters
     * @return the owner
     */
    static String owner(QueryParameters query) {
        String owner = query.get("owner").orElse("");
        int bytes = owner.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_OWNER_BYTES) {
            throw HttpProblem.badRequest("owner is " + bytes + " bytes long: at most " + MAX_OWNER_BYTES
                    + " bytes of UTF-8 are allowed");
        }
        return owner;
    }

    /**
     * Parses the optional {@code pool} parameter.
     *
     * @param query the parameters
     * @return the pool, or empty when absent
     */
    static Optional<PoolName> pool(QueryParameters query) {
        Optional<String> text = query.get("pool");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PoolName.of(text.get()));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }

    /**
     * Parses the {@code pool} parameter where it is required (spec P10).
     *
     * @param query the parameters
     * @param missing the error text when it is absent
     * @return the pool
     */
    static PoolName requiredPool(QueryParameters query, String missing) {
        return pool(query).orElseThrow(() -> HttpProblem.badRequest(missing));
    }

    /**
     * Returns the required {@code uuid} parameter of the stop-timer endpoint.
     *
     * @param query the parameters
     * @return the UUID as sent
     */
    static String uuid(QueryParameters query) {
        return query.get("uuid").orElseThrow(() -> HttpProblem.badRequest("expiration UUID must be provided"));
    }

    /**
     * Parses the {@code expiration} header: absent or {@code false} (any case) is false,
     * {@code true} (any case) is true.
     *
     * @param values every value of the header in the request
     * @return whether timers are asked for
     */
    static boolean expiration(List<String> values) {
        if (values.isEmpty()) {
            return false;
        }
        if (values.size() > 1) {
            throw HttpProblem.badRequest("header \"" + EXPIRATION_HEADER + "\" is given more than once");
        }
        String value = values.get(0).trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw HttpProblem.badRequest("invalid value \"" + values.get(0) + "\" for header \""
                        + EXPIRATION_HEADER + "\": must be true or false");
        }
    }
}
