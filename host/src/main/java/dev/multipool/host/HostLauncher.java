package dev.multipool.host;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.util.Modules;
import dev.multipool.host.config.BootstrapOptions;
import dev.multipool.host.config.ConfigParser;
import dev.multipool.host.config.Configuration;
import dev.multipool.host.config.HostEnvironment;
import dev.multipool.host.config.HostOptions;
import dev.multipool.host.config.UsageException;
import dev.multipool.host.plugin.PluginLoadResult;
import dev.multipool.host.plugin.PluginLoader;
import dev.multipool.host.pools.standalone.StandalonePoolFile;
import java.util.List;

/**
 * Boots a host in two phases, the same way for {@code Main}, the test kit and the end-to-end tests:
 * (1) parse the bootstrap flags and load the plugins, (2) validate every option, build one
 * injector and start the host.
 */
public final class HostLauncher {

    /** What a launch produced: help text, or a running host. */
    public sealed interface Outcome permits Help, Started {
    }

    /**
     * {@code --help} was given.
     *
     * @param text the help text, including each loaded consumer's options
     */
    public record Help(String text) implements Outcome {
    }

    /**
     * The host runs.
     *
     * @param host the running host
     */
    public record Started(RunningHost host) implements Outcome {
    }

    private HostLauncher() {
    }

    /**
     * Parses the arguments, loads plugins, and starts the host or returns the help text.
     *
     * @param args the command line
     * @param environment environment variables, properties and host name for flag defaults
     * @param overrides Guice modules whose bindings replace the host's (tests use this to shorten
     *     timeouts); none in production
     * @return the outcome
     * @throws UsageException for bad flags (exit status 2)
     * @throws HostStartException when the host cannot start (exit status 1)
     */
    public static Outcome launch(List<String> args, HostEnvironment environment, Module... overrides) {
        BootstrapOptions boot = ConfigParser.bootstrap(args, environment);
        PluginLoader loader = new PluginLoader(boot.pluginsDir());
        try {
            PluginLoadResult plugins = loader.load();
            if (boot.helpRequested()) {
                String help = boot.help(plugins.declarations());
                loader.stopAll();
                loader.close();
                return new Help(help);
            }
            Configuration configuration = boot.complete(plugins.declarations(), plugins.failedPlugins());
            Module base = Modules.combine(new HostModule(configuration, plugins), modeModule(configuration.host()));
            MultipoolHost host = Guice.createInjector(Modules.override(base).with(overrides)).getInstance(MultipoolHost.class);
            try {
                host.start();
            } catch (RuntimeException e) {
                host.close();
                throw e;
            }
            return new Started(new RunningHost(host, loader));
        } catch (ProvisionException | CreationException e) {
            stop(loader);
            throw new HostStartException(rootMessage(e), e);
        } catch (RuntimeException e) {
            stop(loader);
            throw e;
        }
    }

    private static Module modeModule(HostOptions options) {
        if (!options.standalone()) {
            return new KubernetesModule();
        }
        try {
            return new StandaloneModule(StandalonePoolFile.load(options.standalonePools()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --standalone-pools: " + e.getMessage());
        }
    }

    private static void stop(PluginLoader loader) {
        loader.stopAll();
        loader.close();
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
