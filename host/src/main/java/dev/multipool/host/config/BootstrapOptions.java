package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result of the first parsing phase ({@link ConfigParser#bootstrap}): where the plugins are,
 * whether help was asked for, and everything given, to be checked by {@link #complete} once the
 * consumers' options are known.
 */
public final class BootstrapOptions {

    private static final Logger log = LoggerFactory.getLogger(BootstrapOptions.class);

    private final HostEnvironment env;
    private final Map<String, GivenValue> given;
    private final Optional<Path> configFile;
    private final boolean help;
    private final Path pluginsDir;

    BootstrapOptions(HostEnvironment env, Map<String, GivenValue> given, Optional<Path> configFile, boolean help,
                     Path pluginsDir) {
        this.env = requireNonNull(env, "env is null");
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(given, "given is null")));
        this.configFile = requireNonNull(configFile, "configFile is null");
        this.help = help;
        this.pluginsDir = requireNonNull(pluginsDir, "pluginsDir is null");
    }

    /**
     * Returns {@code --plugins-dir}.
     *
     * @return the directory to load plugins from
     */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * Returns {@code --config}.
     *
     * @return the config file, if one was given
     */
    public Optional<Path> configFile() {
        return configFile;
    }

    /**
     * Returns whether {@code --help} (or {@code -h}) was given.
     *
     * @return true to print {@link #help} and exit
     */
    public boolean helpRequested() {
        return help;
    }

    /**
     * Returns the help text: the host's flags, then each consumer's options under its id.
     *
     * @param consumers the loaded consumers
     * @return the text, ending with a line break
     */
    public String help(List<ConsumerDeclaration> consumers) {
        return HelpText.render(env, consumers);
    }

    /**
     * The second phase: checks and parses every option.
     *
     * @param consumers the loaded consumers, in load order
     * @param failedPlugins the plugins that failed to load; while there are any, an unknown option
     *     or consumer id may be theirs, so it is reported as a warning instead of an error
     * @return the configuration
     * @throws UsageException for an unknown flag, a bad or missing value, conflicting options, an
     *     unknown id in {@code --consumers}, or an option declared twice or clashing with a host flag
     */
    public Configuration complete(List<ConsumerDeclaration> consumers, Collection<String> failedPlugins) {
        requireNonNull(consumers, "consumers is null");
        requireNonNull(failedPlugins, "failedPlugins is null");
        Map<String, ConsumerDeclaration> owners = optionOwners(consumers);
        List<String> warnings = new ArrayList<>();
        Map<String, GivenValue> consumerValues = new HashMap<>();
        for (GivenValue value : given.values()) {
            if (HostFlag.byName(value.name()).isPresent()) {
                continue;
            }
            if (owners.containsKey(value.name())) {
                consumerValues.put(value.name(), value);
                continue;
            }
            String message = value.file().map(f -> "unknown option \"" + value.name() + "\" in " + f)
                    .orElse("unknown flag --" + value.name());
            if (failedPlugins.isEmpty()) {
                throw new UsageException(message);
            }
            warnings.add(message + " (ignored: it may belong to a plugin that failed to load: "
                    + String.join(", ", failedPlugins) + ")");
        }
        List<String> ids = consumers.stream().map(ConsumerDeclaration::id).toList();
        HostOptions host = new HostOptionsReader(given, env).read(pluginsDir, configFile, help, ids, failedPlugins, warnings);
        Map<String, ConsumerOptions> options = new LinkedHashMap<>();
        for (ConsumerDeclaration consumer : consumers) {
            options.put(consumer.id(), consumerOptions(consumer, consumerValues));
        }
        warnings.forEach(log::warn);
        return new Configuration(host, options, warnings);
    }

    private static ConsumerOptions consumerOptions(ConsumerDeclaration consumer, Map<String, GivenValue> values) {
        Map<String, String> texts = new HashMap<>();
        for (OptionSpec spec : consumer.options()) {
            GivenValue value = values.get(spec.name());
            if (value == null) {
                continue;
            }
            if (spec.type() == OptionType.BOOLEAN) {
                texts.put(spec.name(), Boolean.toString(value.parseBoolean()));
            } else {
                value.parse(text -> OptionValues.parse(spec.type(), text));
                texts.put(spec.name(), value.requireValue());
            }
        }
        try {
            return ParsedConsumerOptions.parse(consumer, texts);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Map<String, ConsumerDeclaration> optionOwners(List<ConsumerDeclaration> consumers) {
        Map<String, ConsumerDeclaration> owners = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (ConsumerDeclaration consumer : consumers) {
            if (!ids.add(consumer.id())) {
                throw new IllegalArgumentException("consumer \"" + consumer.id() + "\" is declared twice");
            }
            for (OptionSpec spec : consumer.options()) {
                if (HostFlag.byName(spec.name()).isPresent()) {
                    throw new UsageException("option --" + spec.name() + " of consumer \"" + consumer.id()
                            + "\" clashes with the host flag --" + spec.name());
                }
                ConsumerDeclaration previous = owners.putIfAbsent(spec.name(), consumer);
                if (previous == consumer) {
                    throw new UsageException("consumer \"" + consumer.id() + "\" declares option --" + spec.name() + " twice");
                }
                if (previous != null) {
                    throw new UsageException("option --" + spec.name() + " is declared by both consumer \""
                            + previous.id() + "\" and consumer \"" + consumer.id() + "\"");
                }
            }
        }
        return owners;
    }
}
