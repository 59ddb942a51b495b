package dev.multipool.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.IpamConsumer;
import dev.multipool.api.OptionSpec;
import dev.multipool.host.config.ConsumerDeclaration;
import dev.multipool.host.status.PluginRef;
import java.util.List;

/**
 * A consumer found in a started plugin.
 *
 * @param id the consumer id, as {@link IpamConsumer#id()} returned it while loading
 * @param description its description, as returned while loading
 * @param options the options it declared while loading
 * @param consumer the plugin's extension, wrapped by {@link PluginCalls#wrap} so every call runs
 *     with the plugin's class loader as thread context class loader; objects it returns (accessors,
 *     policies, gates, tasks) are plugin code too: wrap them with {@link #classLoader()}
 * @param plugin the plugin it comes from
 * @param classLoader the plugin's class loader
 */
public record LoadedConsumer(String id, String description, List<OptionSpec> options, IpamConsumer consumer,
                             PluginRef plugin, ClassLoader classLoader) {

    /** Validates and copies the parts. */
    public LoadedConsumer {
        requireNonNull(id, "id is null");
        requireNonNull(description, "description is null");
        options = List.copyOf(requireNonNull(options, "options is null"));
        requireNonNull(consumer, "consumer is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(classLoader, "classLoader is null");
    }

    /**
     * Returns the id of the plugin the consumer comes from.
     *
     * @return the {@code Plugin-Id}
     */
    public String pluginId() {
        return plugin.id();
    }

    /**
     * Returns what the configuration needs to know about the consumer.
     *
     * @return the id, description and options
     */
    public ConsumerDeclaration declaration() {
        return new ConsumerDeclaration(id, description, options);
    }
}
