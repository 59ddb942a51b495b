package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One option as the user gave it, before parsing.
 *
 * @param name the option name without dashes
 * @param value the value text; empty for a bare {@code --name}
 * @param separate whether the value came as the next command-line argument ({@code --name value})
 * @param file the config file it came from; empty for the command line
 */
record GivenValue(String name, Optional<String> value, boolean separate, Optional<String> file) {

    GivenValue {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        requireNonNull(file, "file is null");
    }

    /**
     * Returns where the value came from, for error messages.
     *
     * @return empty for the command line, else {@code " (in FILE)"}
     */
    String where() {
        return file.map(f -> " (in " + f + ")").orElse("");
    }

    /**
     * Returns the value of a flag that needs one.
     *
     * @return the text
     * @throws UsageException if the flag was given bare
     */
    String requireValue() {
        return value.orElseThrow(() -> new UsageException("missing value for --" + name + where()));
    }

    /**
     * Parses the value, turning a parse failure into a usage error that names the option.
     *
     * @param parser the parser for the option's type
     * @param <T> the value type
     * @return the parsed value
     */
    <T> T parse(java.util.function.Function<String, T> parser) {
        String text = requireValue();
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value \"" + text + "\" for --" + name + where() + ": " + e.getMessage());
        }
    }

    /**
     * Parses a boolean flag: a bare {@code --name} is true; {@code --name=true|false} as given.
     *
     * @return the boolean
     * @throws UsageException if a value followed as a separate argument, or is not a boolean
     */
    boolean parseBoolean() {
        if (separate) {
            throw new UsageException("unexpected argument \"" + value.orElse("") + "\" after --" + name
                    + ": a boolean flag takes --" + name + ", --" + name + "=true or --" + name + "=false");
        }
        return value.isEmpty() || parse(OptionValues::bool);
    }
}
