package dev.multipool.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.config.ConsumerDeclaration;
import dev.multipool.host.status.PluginInfo;
import dev.multipool.host.status.PluginState;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
     * Returns the plugins as {@code GET /v1/consumers} shows them once {@code --consumers} is known:
     * a started plugin none of whose consumers is enabled is {@link PluginState#DISABLED}.
     *
     * @param enabledConsumers the ids of the enabled consumers
     * @return every plugin, in the same order as {@link #plugins()}
     */
    public List<PluginInfo> plugins(Collection<String> enabledConsumers) {
        requireNonNull(enabledConsumers, "enabledConsumers is null");
        Set<String> used = consumers.stream().filter(c -> enabledConsumers.contains(c.id()))
                .map(LoadedConsumer::pluginId).collect(Collectors.toSet());
        return plugins.stream().map(p -> p.state() != PluginState.STARTED || used.contains(p.id()) ? p
                : new PluginInfo(p.id(), p.version(), p.requires(), PluginState.DISABLED,
                        Optional.of("none of its consumers is enabled by --consumers"), p.path()))
                .toList();
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
