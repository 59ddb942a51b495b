package dev.multipool.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.config.ConsumerDeclaration;
import dev.multipool.host.status.PluginInfo;
import dev.multipool.host.status.PluginState;
import java.util.List;

/**
 * What {@link PluginLoader#load()} found.
 *
 * @param consumers the consumers of the started plugins, in plugin (file name) order
 * @param plugins every file and directory in the plugins directory, started or failed, with the reason
 */
public record PluginLoadResult(List<LoadedConsumer> consumers, List<PluginInfo> plugins) {

    /** Validates and copies the parts. */
    public PluginLoadResult {
        consumers = List.copyOf(requireNonNull(consumers, "consumers is null"));
        plugins = List.copyOf(requireNonNull(plugins, "plugins is null"));
    }

    /**
     * Returns the consumers as the configuration sees them.
     *
     * @return one declaration per consumer
     */
    public List<ConsumerDeclaration> declarations() {
        return consumers.stream().map(LoadedConsumer::declaration).toList();
    }

    /**
     * Returns the plugins that failed.
     *
     * @return their ids (or file names)
     */
    public List<String> failedPlugins() {
        return plugins.stream().filter(p -> p.state() == PluginState.FAILED).map(PluginInfo::id).toList();
    }
}
