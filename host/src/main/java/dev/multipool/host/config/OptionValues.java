package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.OptionType;
import dev.multipool.api.PoolName;
import dev.multipool.host.manager.PreAllocationParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses option values from their text form, one method per {@link OptionType}. Every value, from
 * the command line, the config file or a declared default, goes through here. Each method throws
 * {@link IllegalArgumentException} with a message that says what is wrong with the value; the
 * caller adds the option's name.
 */
public final class OptionValues {

    private OptionValues() {
    }

    /**
     * Parses a value of the given type.
     *
     * @param type the option type
     * @param text the value as given
     * @return a {@code String}, {@code Boolean}, {@code Integer}, {@code Duration},
     *     {@code Map<PoolName, Integer>} or {@code Map<String, String>}
     */
    public static Object parse(OptionType type, String text) {
        requireNonNull(type, "type is null");
        requireNonNull(text, "text is null");
        switch (type) {
            case STRING:
                return text;
            case BOOLEAN:
                return bool(text);
            case INTEGER:
                return integer(text);
            case DURATION:
                return Durations.parse(text);
            case POOL_COUNTS:
                return poolCounts(text);
            case STRING_MAP:
                return stringMap(text);
            case NAME:
                return name(text);
            default:
                throw new IllegalStateException("unhandled option type " + type);
        }
    }

    /**
     * Checks a Kubernetes object name (a node, pool or driver name).
     *
     * @param text the value
     * @return the name, unchanged
     */
    public static String name(String text) {
        if (!PoolName.isValid(text)) {
            throw new IllegalArgumentException("must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', "
                    + "at most 253 characters)");
        }
        return text;
    }

    /**
     * Parses {@code true} or {@code false} (in any case).
     *
     * @param text the value
     * @return the boolean
     */
    public static boolean bool(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("expected true or false");
        }
    }

    /**
     * Parses a base-10 signed 32-bit integer.
     *
     * @param text the value
     * @return the integer
     */
    public static int integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a base-10 32-bit integer");
        }
    }

    /**
     * Parses a pre-allocation map {@code pool=N[,pool=N]}: valid pool names, each with a base-10
     * 32-bit count of 0 or more (0 means no pre-allocation for that pool). Errors name the pool:
     * {@code invalid value for pool "<name>": ...}. This is the one place that validates such maps.
     *
     * @param text the map, empty for none
     * @return the counts in the order given
     */
    public static Map<PoolName, Integer> poolCounts(String text) {
        return PreAllocationParser.parse(stringMap(text));
    }

    /**
     * Parses a map {@code key=value[,key=value]}. Spaces around entries, keys and values are
     * ignored; a key may appear once.
     *
     * @param text the map, empty for none
     * @return the entries in the order given
     */
    public static Map<String, String> stringMap(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text.isBlank()) {
            return Collections.unmodifiableMap(map);
        }
        for (String part : text.split(",", -1)) {
            String entry = part.trim();
            int eq = entry.indexOf('=');
            if (eq <= 0 || entry.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("invalid entry \"" + entry + "\": expected key=value");
            }
            String key = entry.substring(0, eq).trim();
            if (map.putIfAbsent(key, entry.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("\"" + key + "\" is given twice");
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
