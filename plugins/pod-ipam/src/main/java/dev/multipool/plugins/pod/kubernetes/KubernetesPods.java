package dev.multipool.plugins.pod.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Where the pod consumer finds pods: the host's fabric8 client, when the host offers one. */
public final class KubernetesPods {

    private KubernetesPods() {
    }

    /**
     * Returns a pod directory fed by informers, if the host offers a Kubernetes client.
     *
     * @param context the consumer's context
     * @return the directory (not yet started), or empty without a Kubernetes client
     */
    public static Optional<InformerPodDirectory> directory(ConsumerContext context) {
        requireNonNull(context, "context is null");
        return context.service(KubernetesClient.class)
                .map(client -> new InformerPodDirectory(client, context.nodeName()));
    }
}
