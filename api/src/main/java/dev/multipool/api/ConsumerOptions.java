package dev.multipool.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed values of the options a consumer declared ({@link IpamConsumer#options()}). Values
 * were validated by the host before the consumer started. Asking for an option the consumer did not
 * declare, or with the wrong type, throws {@link IllegalArgumentException}.
 */
public interface ConsumerOptions {

    /**
     * Returns a {@link OptionType#STRING} or {@link OptionType#NAME} option.
     *
     * @param name the option name
     * @return the value, or empty when unset
     */
    Optional<String> string(String name);

    /**
     * Returns a {@link OptionType#BOOLEAN} option.
     *
     * @param name the option name
     * @return the value (false when unset without default)
     */
    boolean bool(String name);

    /**
     * Returns an {@link OptionType#INTEGER} option.
     *
     * @param name the option name
     * @return the value, or empty when unset
     */
    Optional<Integer> integer(String name);

    /**
     * Returns a {@link OptionType#DURATION} option.
     *
     * @param name the option name
     * @return the value, or empty when unset
     */
    Optional<Duration> duration(String name);

    /**
     * Returns a {@link OptionType#POOL_COUNTS} option.
     *
     * @param name the option name
     * @return the pool counts in the order given, empty when unset
     */
    Map<PoolName, Integer> poolCounts(String name);

    /**
     * Returns a {@link OptionType#STRING_MAP} option.
     *
     * @param name the option name
     * @return the map in the order given, empty when unset
     */
    Map<String, String> stringMap(String name);
}
