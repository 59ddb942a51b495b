package dev.multipool.host;

import dev.multipool.host.config.HostOptions;
import dev.multipool.host.node.NodeSource;
import dev.multipool.host.node.kubernetes.KubernetesNodeSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/** The informer-backed CiliumNode source. */
final class KubernetesNodeSourceProvider implements Provider<NodeSource> {

    private final KubernetesClient client;
    private final HostOptions options;

    @Inject
    KubernetesNodeSourceProvider(KubernetesClient client, HostOptions options) {
        this.client = client;
        this.options = options;
    }

    @Override
    public NodeSource get() {
        return new KubernetesNodeSource(client, options.nodeName());
    }
}
