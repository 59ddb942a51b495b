package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a pre-allocation map such as {@code --ipam-multi-pool-pre-allocation=default=16,other=8}
 * (spec M29).
 *
 * <p>Each value is a base-10 signed 32-bit integer; text that is not, an empty value and values
 * outside the 32-bit range are errors worded {@code invalid value for pool "<name>": ...}. Our
 * deviation from Cilium (M30): a negative value is an error too, and 0 means "no pre-allocation,
 * no startup wait". Keys must be valid pool names. An empty map or text means no pre-allocation.
 */
public final class PreAllocationParser {

    private PreAllocationParser() {
    }

    /**
     * Parses a pool-to-text map.
     *
     * @param values pool name to count text
     * @return pool to count in the order given, unmodifiable
     * @throws IllegalArgumentException naming the pool whose key or value is invalid
     */
    public static Map<PoolName, Integer> parse(Map<String, String> values) {
        requireNonNull(values, "values is null");
        Map<PoolName, Integer> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (!PoolName.isValid(key)) {
                throw new IllegalArgumentException("invalid pool name \"" + key
                        + "\" in pre-allocation: must be a DNS-1123 subdomain of at most " + PoolName.MAX_LENGTH
                        + " characters");
            }
            result.put(PoolName.of(key), parseValue(key, entry.getValue()));
        }
        return Collections.unmodifiableMap(result);
    }

    private static int parseValue(String pool, String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(pool, "empty value, expected a base-10 integer");
        }
        long value;
        try {
            value = Long.parseLong(text, 10);
        } catch (NumberFormatException e) {
            if (text.matches("[+-]?[0-9]+")) {
                throw invalid(pool, "\"" + text + "\" is out of the 32-bit integer range");
            }
            throw invalid(pool, "\"" + text + "\" is not a base-10 integer");
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid(pool, "\"" + text + "\" is out of the 32-bit integer range");
        }
        if (value < 0) {
            throw invalid(pool, "must not be negative, got " + value);
        }
        return (int) value;
    }

    private static IllegalArgumentException invalid(String pool, String why) {
        return new IllegalArgumentException("invalid value for pool \"" + pool + "\": " + why);
    }
}
