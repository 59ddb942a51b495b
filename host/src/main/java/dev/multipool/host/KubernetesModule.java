package dev.multipool.host;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.multipool.host.consumer.ConsumerSections;
import dev.multipool.host.node.NodeSource;
import dev.multipool.host.pools.PoolCatalogs;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Kubernetes mode: the node's CiliumNode and the pool objects on the API server, through one
 * fabric8 client that plugins may also use; an external operator serves the sections.
 */
public final class KubernetesModule extends AbstractModule {

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), KubernetesClient.class).setBinding()
                .toProvider(KubernetesClientProvider.class).in(Singleton.class);
        bind(NodeSource.class).toProvider(KubernetesNodeSourceProvider.class).in(Singleton.class);
        bind(PoolCatalogs.class).toProvider(KubernetesPoolCatalogsProvider.class).in(Singleton.class);
        bind(ConsumerSections.class).toInstance(ConsumerSections.NONE);
        bind(PluginServices.class).toProvider(KubernetesPluginServicesProvider.class).in(Singleton.class);
    }
}
