package dev.multipool.host;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Map;

/** Offers the host's fabric8 client to plugins. */
final class KubernetesPluginServicesProvider implements Provider<PluginServices> {

    private final KubernetesClient client;

    @Inject
    KubernetesPluginServicesProvider(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public PluginServices get() {
        return new PluginServices(Map.of(KubernetesClient.class, client));
    }
}
