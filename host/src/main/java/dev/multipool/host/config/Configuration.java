package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete, validated configuration: the host's options and each loaded consumer's options.
 *
 * @param host the host's flags
 * @param consumerOptions each consumer's parsed options, by consumer id, in load order
 * @param warnings what was tolerated (for example a flag that may belong to a plugin that failed to load)
 */
public record Configuration(HostOptions host, Map<String, ConsumerOptions> consumerOptions, List<String> warnings) {

    /** Validates and copies the parts. */
    public Configuration {
        requireNonNull(host, "host is null");
        consumerOptions = Collections.unmodifiableMap(new LinkedHashMap<>(
                requireNonNull(consumerOptions, "consumerOptions is null")));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }

    /**
     * Returns a consumer's options.
     *
     * @param consumerId the consumer id
     * @return the options
     * @throws IllegalArgumentException if the consumer was not declared
     */
    public ConsumerOptions options(String consumerId) {
        ConsumerOptions options = consumerOptions.get(consumerId);
        if (options == null) {
            throw new IllegalArgumentException("no consumer \"" + consumerId + "\" was declared");
        }
        return options;
    }
}
