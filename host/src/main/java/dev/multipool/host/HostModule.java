package dev.multipool.host;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.multipool.host.config.Configuration;
import dev.multipool.host.config.HostOptions;
import dev.multipool.host.consumer.RuntimeSettings;
import dev.multipool.host.node.standalone.EmbeddedOperator;
import dev.multipool.host.plugin.LoadedConsumer;
import dev.multipool.host.plugin.PluginLoadResult;
import dev.multipool.host.state.AllocationJournal;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * Binds what every host has: its configuration, the loaded plugins, the enabled consumers (in a
 * {@code MapBinder} by id, as {@link LoadedConsumer}s, which carry the consumer with its plugin's
 * class loader), the clock, the consumers' runtime settings and the journal. Binding only.
 */
public final class HostModule extends AbstractModule {

    private final Configuration configuration;
    private final PluginLoadResult plugins;

    /**
     * Creates the module.
     *
     * @param configuration the validated configuration
     * @param plugins what the plugin loader found
     */
    public HostModule(Configuration configuration, PluginLoadResult plugins) {
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
    }

    @Override
    protected void configure() {
        bind(Configuration.class).toInstance(configuration);
        bind(HostOptions.class).toInstance(configuration.host());
        bind(PluginLoadResult.class).toInstance(plugins);
        bind(Clock.class).toInstance(Clock.systemUTC());
        MapBinder<String, LoadedConsumer> consumers = MapBinder.newMapBinder(binder(), String.class, LoadedConsumer.class);
        for (LoadedConsumer consumer : plugins.consumers()) {
            if (configuration.host().consumerEnabled(consumer.id())) {
                consumers.addBinding(consumer.id()).toInstance(consumer);
            }
        }
        bind(RuntimeSettings.class).toProvider(RuntimeSettingsProvider.class).in(Singleton.class);
        bind(AllocationJournal.class).toProvider(JournalProvider.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), EmbeddedOperator.class);
        OptionalBinder.newOptionalBinder(binder(), KubernetesClient.class);
        bind(MultipoolHost.class).in(Singleton.class);
    }
}
