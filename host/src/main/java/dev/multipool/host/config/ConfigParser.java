package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that parses the host's command line and config file. Parsing has two phases, so
 * that {@code Main} can find the plugins before it knows every option:
 * <ol>
 *   <li>{@link #bootstrap} splits the command line, reads the {@code --config} file and settles
 *       {@code --plugins-dir}, {@code --config} and {@code --help};</li>
 *   <li>{@link BootstrapOptions#complete}, once the plugins are loaded, checks every option against
 *       the host's flags and the options the consumers declare, and parses them all.</li>
 * </ol>
 * Values on the command line override those in the file. Every error is a {@link UsageException}
 * that names the option.
 */
public final class ConfigParser {

    private ConfigParser() {
    }

    /**
     * The first phase.
     *
     * @param args the command line (without the program name)
     * @param env where defaults come from
     * @return what is needed to load plugins, and the rest for {@link BootstrapOptions#complete}
     * @throws UsageException for malformed arguments, an unreadable config file, or a bad
     *     {@code --plugins-dir}, {@code --config} or {@code --help}
     */
    public static BootstrapOptions bootstrap(List<String> args, HostEnvironment env) {
        requireNonNull(args, "args is null");
        requireNonNull(env, "env is null");
        Map<String, GivenValue> commandLine = new LinkedHashMap<>();
        for (GivenValue value : CommandLine.split(args)) {
            commandLine.remove(value.name());
            commandLine.put(value.name(), value);
        }
        Optional<Path> config = Optional.ofNullable(commandLine.get(HostFlag.CONFIG.flagName()))
                .map(value -> value.parse(HostOptionsReader::path));
        Map<String, GivenValue> given = new LinkedHashMap<>();
        config.ifPresent(file -> ConfigFile.read(file).forEach(value -> given.put(value.name(), value)));
        commandLine.forEach((name, value) -> {
            given.remove(name);
            given.put(name, value);
        });

        GivenValue help = given.get(HostFlag.HELP.flagName());
        GivenValue pluginsDirFlag = given.get(HostFlag.PLUGINS_DIR.flagName());
        Path pluginsDir = HostOptions.defaultPluginsDir(env);
        if (pluginsDirFlag != null) {
            pluginsDir = pluginsDirFlag.parse(HostOptionsReader::path);
            if (!Files.isDirectory(pluginsDir)) {
                throw new UsageException("invalid value \"" + pluginsDir + "\" for --plugins-dir" + pluginsDirFlag.where()
                        + ": not a directory");
            }
        }
        return new BootstrapOptions(env, given, config, help != null && help.parseBoolean(), pluginsDir);
    }
}
