package dev.multipool.host;

import dev.multipool.host.config.HostOptions;
import dev.multipool.host.node.kubernetes.KubernetesClientFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/** The fabric8 client from {@code --k8s-kubeconfig-path} or standard discovery. */
final class KubernetesClientProvider implements Provider<KubernetesClient> {

    private final HostOptions options;

    @Inject
    KubernetesClientProvider(HostOptions options) {
        this.options = options;
    }

    @Override
    public KubernetesClient get() {
        return KubernetesClientFactory.create(options.kubeconfigPath());
    }
}
