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
    STRING_MAP
}
