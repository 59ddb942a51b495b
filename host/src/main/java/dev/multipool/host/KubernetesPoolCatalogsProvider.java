package dev.multipool.host;

import dev.multipool.host.pools.PoolCatalogs;
import dev.multipool.host.pools.kubernetes.KubernetesPoolCatalogs;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/** Pool catalogs backed by informers. */
final class KubernetesPoolCatalogsProvider implements Provider<PoolCatalogs> {

    private final KubernetesClient client;

    @Inject
    KubernetesPoolCatalogsProvider(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public PoolCatalogs get() {
        return new KubernetesPoolCatalogs(client);
    }
}
