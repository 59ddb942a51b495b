package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import dev.multipool.api.PoolName;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A consumer's option values, parsed and validated: the value given on the command line or in the
 * config file, else the declared default, else unset.
 */
public final class ParsedConsumerOptions implements ConsumerOptions {

    private final String consumerId;
    private final Map<String, OptionSpec> specs;
    private final Map<String, Object> values;

    private ParsedConsumerOptions(String consumerId, Map<String, OptionSpec> specs, Map<String, Object> values) {
        this.consumerId = consumerId;
        this.specs = specs;
        this.values = values;
    }

    /**
     * Parses a consumer's options.
     *
     * @param declaration the consumer and its options
     * @param given the values given, by option name, in text form; options not given take their default
     * @return the parsed options
     * @throws IllegalArgumentException if a given value or a default does not parse; the message
     *     names the option ({@code --name})
     */
    public static ParsedConsumerOptions parse(ConsumerDeclaration declaration, Map<String, String> given) {
        requireNonNull(declaration, "declaration is null");
        requireNonNull(given, "given is null");
        Map<String, OptionSpec> specs = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec spec : declaration.options()) {
            specs.put(spec.name(), spec);
            Optional<String> text = Optional.ofNullable(given.get(spec.name())).or(spec::defaultValue);
            if (text.isPresent()) {
                try {
                    values.put(spec.name(), OptionValues.parse(spec.type(), text.get()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid value \"" + text.get() + "\" for --" + spec.name()
                            + (given.containsKey(spec.name()) ? "" : " (the default of consumer \"" + declaration.id() + "\")")
                            + ": " + e.getMessage(), e);
                }
            }
        }
        return new ParsedConsumerOptions(declaration.id(), Collections.unmodifiableMap(specs),
                Collections.unmodifiableMap(values));
    }

    @Override
    public Optional<String> string(String name) {
        OptionType type = specs.containsKey(name) && specs.get(name).type() == OptionType.NAME ? OptionType.NAME
                : OptionType.STRING;
        return Optional.ofNullable((String) value(name, type));
    }

    @Override
    public boolean bool(String name) {
        return Boolean.TRUE.equals(value(name, OptionType.BOOLEAN));
    }

    @Override
    public Optional<Integer> integer(String name) {
        return Optional.ofNullable((Integer) value(name, OptionType.INTEGER));
    }

    @Override
    public Optional<Duration> duration(String name) {
        return Optional.ofNullable((Duration) value(name, OptionType.DURATION));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<PoolName, Integer> poolCounts(String name) {
        Object value = value(name, OptionType.POOL_COUNTS);
        return value == null ? Map.of() : (Map<PoolName, Integer>) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String name) {
        Object value = value(name, OptionType.STRING_MAP);
        return value == null ? Map.of() : (Map<String, String>) value;
    }

    private Object value(String name, OptionType type) {
        requireNonNull(name, "name is null");
        OptionSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("consumer \"" + consumerId + "\" declares no option \"" + name + "\"");
        }
        if (spec.type() != type) {
            throw new IllegalArgumentException("option \"" + name + "\" of consumer \"" + consumerId + "\" is "
                    + spec.type() + ", not " + type);
        }
        return values.get(name);
    }

    @Override
    public String toString() {
        return "ParsedConsumerOptions[" + consumerId + ": " + values + "]";
    }
}
