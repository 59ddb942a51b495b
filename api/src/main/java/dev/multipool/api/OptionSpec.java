package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An option a consumer declares. The host accepts it as {@code --name value} on the command line
 * and as {@code name: value} in the config file, validates it by type, passes the parsed value in
 * {@link ConsumerContext#options()}, and lists it under the consumer's id in {@code --help}.
 *
 * @param name the option name without dashes, for example {@code ipam-default-ip-pool}
 * @param type the value type
 * @param defaultValue the default in the option's text form, or empty for "unset"
 * @param help one line of help
 */
public record OptionSpec(String name, OptionType type, Optional<String> defaultValue, String help) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** Validates the parts. */
    public OptionSpec {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(help, "help is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid option name \"" + name + "\": use lower-case words joined by '-'");
        }
    }

    /**
     * Declares an option with a default.
     *
     * @param name the name without dashes
     * @param type the type
     * @param defaultValue the default in text form
     * @param help one line of help
     * @return the option
     */
    public static OptionSpec of(String name, OptionType type, String defaultValue, String help) {
        return new OptionSpec(name, type, Optional.of(defaultValue), help);
    }

    /**
     * Declares an option that is unset unless given.
     *
     * @param name the name without dashes
     * @param type the type
     * @param help one line of help
     * @return the option
     */
    public static OptionSpec unset(String name, OptionType type, String help) {
        return new OptionSpec(name, type, Optional.empty(), help);
    }
}
