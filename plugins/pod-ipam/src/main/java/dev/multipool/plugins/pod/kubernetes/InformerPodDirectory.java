package dev.multipool.plugins.pod.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.BackgroundTask;
import dev.multipool.plugins.pod.selection.NamespaceMeta;
import dev.multipool.plugins.pod.selection.PodDirectory;
import dev.multipool.plugins.pod.selection.PodMeta;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods of this node and the namespaces, from two fabric8 informers started as a background
 * task. The pod informer asks the API server for {@code spec.nodeName=<node>} only; lookups also
 * check the node name, so a server that ignores the field selector (fabric8's mock honours only
 * {@code metadata.name} and {@code metadata.namespace}) cannot make another node's pod visible.
 * Informers retry after every error (API server away, RBAC missing) with fabric8's backoff.
 */
public final class InformerPodDirectory implements PodDirectory, BackgroundTask {

    private static final Logger LOG = LoggerFactory.getLogger(InformerPodDirectory.class);

    private final KubernetesClient client;
    private final String nodeName;
    private volatile SharedIndexInformer<Pod> pods;
    private volatile SharedIndexInformer<Namespace> namespaces;

    /**
     * Creates the directory; nothing is watched until {@link #start()}.
     *
     * @param client the host's Kubernetes client
     * @param nodeName this node's name
     */
    public InformerPodDirectory(KubernetesClient client, String nodeName) {
        this.client = requireNonNull(client, "client is null");
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
    }

    @Override
    public String name() {
        return "pod-informers";
    }

    @Override
    public synchronized void start() {
        if (pods != null) {
            return;
        }
        SharedIndexInformer<Pod> podInformer = client.pods().inAnyNamespace()
                .withField("spec.nodeName", nodeName)
                .runnableInformer(0);
        SharedIndexInformer<Namespace> namespaceInformer = client.namespaces().runnableInformer(0);
        podInformer.exceptionHandler((started, error) -> retry("pods of node " + nodeName, error));
        namespaceInformer.exceptionHandler((started, error) -> retry("namespaces", error));
        podInformer.start();
        namespaceInformer.start();
        pods = podInformer;
        namespaces = namespaceInformer;
        LOG.info("watching the pods of node {} and the namespaces for pool selection", nodeName);
    }

    private static boolean retry(String what, Throwable error) {
        LOG.warn("watch of {} failed, retrying: {}", what, error.toString());
        return true;
    }

    @Override
    public boolean isSynced() {
        SharedIndexInformer<Pod> podInformer = pods;
        SharedIndexInformer<Namespace> namespaceInformer = namespaces;
        return podInformer != null && namespaceInformer != null && podInformer.hasSynced()
                && namespaceInformer.hasSynced();
    }

    @Override
    public Optional<PodMeta> pod(String namespace, String name) {
        SharedIndexInformer<Pod> podInformer = pods;
        if (podInformer == null) {
            return Optional.empty();
        }
        Pod pod = podInformer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
        if (pod == null || pod.getSpec() == null || !nodeName.equals(pod.getSpec().getNodeName())) {
            return Optional.empty();
        }
        return Optional.of(new PodMeta(namespace, name, labels(pod), annotations(pod)));
    }

    @Override
    public Optional<NamespaceMeta> namespace(String name) {
        SharedIndexInformer<Namespace> namespaceInformer = namespaces;
        if (namespaceInformer == null) {
            return Optional.empty();
        }
        Namespace namespace = namespaceInformer.getStore().getByKey(name);
        return Optional.ofNullable(namespace)
                .map(found -> new NamespaceMeta(name, labels(found), annotations(found)));
    }

    private static Map<String, String> labels(HasMetadata object) {
        ObjectMeta metadata = object.getMetadata();
        return metadata == null || metadata.getLabels() == null ? Map.of() : withoutNulls(metadata.getLabels());
    }

    private static Map<String, String> annotations(HasMetadata object) {
        ObjectMeta metadata = object.getMetadata();
        return metadata == null || metadata.getAnnotations() == null ? Map.of() : withoutNulls(metadata.getAnnotations());
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        Map<String, String> copy = new HashMap<>();
        map.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    @Override
    public synchronized void close() {
        closeQuietly(pods);
        closeQuietly(namespaces);
        pods = null;
        namespaces = null;
    }

    private static void closeQuietly(SharedIndexInformer<?> informer) {
        if (informer == null) {
            return;
        }
        try {
            informer.close();
        } catch (RuntimeException e) {
            LOG.warn("closing an informer failed: {}", e.toString());
        }
    }
}
