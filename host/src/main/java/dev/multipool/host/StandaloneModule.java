package dev.multipool.host;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.multipool.host.consumer.ConsumerSections;
import dev.multipool.host.node.NodeSource;
import dev.multipool.host.node.standalone.EmbeddedOperator;
import dev.multipool.host.node.standalone.StandaloneNodeStore;
import dev.multipool.host.pools.PoolCatalogs;
import dev.multipool.host.pools.standalone.StandalonePoolCatalogs;
import dev.multipool.host.pools.standalone.StandalonePoolFile;
import java.util.Map;

/** Standalone mode: the node document under the state directory, the pool file, the embedded operator. */
public final class StandaloneModule extends AbstractModule {

    private final StandalonePoolFile pools;

    /**
     * Creates the module.
     *
     * @param pools the loaded pool file ({@code --standalone-pools})
     */
    public StandaloneModule(StandalonePoolFile pools) {
        this.pools = requireNonNull(pools, "pools is null");
    }

    @Override
    protected void configure() {
        bind(StandaloneNodeStore.class).toProvider(StandaloneNodeStoreProvider.class).in(Singleton.class);
        bind(NodeSource.class).to(StandaloneNodeStore.class);
        bind(PoolCatalogs.class).toInstance(new StandalonePoolCatalogs(pools));
        OptionalBinder.newOptionalBinder(binder(), EmbeddedOperator.class).setBinding()
                .toProvider(EmbeddedOperatorProvider.class).in(Singleton.class);
        bind(ConsumerSections.class).to(EmbeddedOperator.class);
        bind(PluginServices.class).toInstance(new PluginServices(Map.of()));
    }
}
