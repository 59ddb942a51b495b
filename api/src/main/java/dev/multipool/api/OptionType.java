package dev.multipool.api;

/** The value types a consumer option can have; the host parses and validates each. */
public enum OptionType {
    /** Any text. */
    STRING,
    /** {@code true} or {@code false}; on the command line a bare {@code --flag} means true. */
    BOOLEAN,
    /** A base-10 signed 32-bit integer. */
    INTEGER,
    /** A duration such as {@code 500ms}, {@code 15s}, {@code 2m} or {@code 1h30m}. */
    DURATION,
    /**
     * A pre-allocation map {@code pool=N[,pool=N]}: valid pool names, each with a non-negative
     * 32-bit count (0 means no pre-allocation for that pool).
     */
    POOL_COUNTS,
    /** A map {@code key=value[,key=value]} of strings. */
    STRING_MAP,
    /**
     * A Kubernetes object name, such as a pool name or a DRA driver name: a DNS-1123 subdomain
     * (lower-case letters, digits, {@code -} and {@code .}, at most 253 characters). Read it with
     * {@link ConsumerOptions#string(String)}; a value that is no such name stops the host with
     * exit status 2 naming the option.
     */
    NAME
}
