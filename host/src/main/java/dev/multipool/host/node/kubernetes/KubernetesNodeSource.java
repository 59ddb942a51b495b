package dev.multipool.host.node.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.HostMode;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.node.NodeListener;
import dev.multipool.host.node.NodeSource;
import dev.multipool.host.node.NodeSourceException;
import dev.multipool.host.node.NodeSourceStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes mode's node resource: the own {@code cilium.io/v2 CiliumNode}, read through a fabric8
 * informer on that one object and written with PUTs carrying its resourceVersion.
 *
 * <p>The host never creates or deletes the CiliumNode: a Delete is logged and forwarded, and the
 * last copy stays {@link #current()} (spec M53); a write to a deleted node fails as not found.
 * The informer re-lists and re-watches on its own after watch drops and API server outages
 * (fabric8's backoff, from the client's watch reconnect interval); {@link #status()} shows it as
 * {@code disconnected} with the last error meanwhile. Nothing here blocks except {@link #fetch()}
 * and {@link #replace}, which wait at most the client's request timeout.
 *
 * <p>ResourceVersions are opaque to Kubernetes clients, but one API server hands them out in
 * increasing order; when both are numbers this source ignores a watch event older than a version
 * it already holds (the echo of an older write arriving after a newer PUT returned).
 */
public final class KubernetesNodeSource implements NodeSource {

    private static final Logger log = LoggerFactory.getLogger(KubernetesNodeSource.class);

    private final KubernetesClient client;
    private final String nodeName;
    private final ResourceDocumentConverter converter;
    private final NodeSourceHealth health = new NodeSourceHealth();
    private final AtomicReference<ResourceDocument> current = new AtomicReference<>();
    private final Object lock = new Object();
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;
    private volatile boolean closed;
    private NodeListener listener;
    private ResourceDocument lastDelivered;
    private volatile boolean deleted;

    /**
     * Creates the source; nothing is requested until {@link #start}.
     *
     * @param client the host's client (not closed by this source)
     * @param nodeName the node's name, which is the CiliumNode's name
     */
    public KubernetesNodeSource(KubernetesClient client, String nodeName) {
        this.client = requireNonNull(client, "client is null");
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
        if (nodeName.isBlank()) {
            throw new IllegalArgumentException("node name is empty");
        }
        this.converter = new ResourceDocumentConverter(client.getKubernetesSerialization());
    }

    @Override
    public HostMode mode() {
        return HostMode.KUBERNETES;
    }

    private Resource<GenericKubernetesResource> node() {
        return client.genericKubernetesResources(ResourceContexts.CILIUM_NODE).withName(nodeName);
    }

    @Override
    public void start(NodeListener listener) {
        requireNonNull(listener, "listener is null");
        SharedIndexInformer<GenericKubernetesResource> created;
        synchronized (lock) {
            if (this.listener != null || closed) {
                throw new IllegalStateException("node source for CiliumNode \"" + nodeName + "\" already started or closed");
            }
            this.listener = listener;
            created = node().runnableInformer(0);
            informer = created;
        }
        created.addEventHandler(new Handler());
        created.exceptionHandler((started, failure) -> {
            if (closed) {
                return false;
            }
            String error = "watch of CiliumNode \"" + nodeName + "\": " + KubernetesErrors.describe(failure);
            health.informerFailed(error);
            log.warn("{}; retrying", error);
            return true;
        });
        created.start();
        log.info("watching CiliumNode \"{}\"", nodeName);
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource resource) {
            upserted(resource);
        }

        @Override
        public void onUpdate(GenericKubernetesResource previous, GenericKubernetesResource resource) {
            upserted(resource);
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            deletedEvent();
        }
    }

    private void upserted(GenericKubernetesResource resource) {
        ResourceDocument document = converter.toDocument(resource);
        NodeListener target;
        synchronized (lock) {
            if (!advance(document)) {
                log.debug("CiliumNode \"{}\": ignoring watch event for resourceVersion {}, already holding {}", nodeName,
                        document.resourceVersion().orElse("?"), current.get().resourceVersion().orElse("?"));
                return;
            }
            if (document.equals(lastDelivered)) {
                return;
            }
            lastDelivered = document;
            target = listener;
        }
        try {
            target.nodeUpserted(document);
        } catch (RuntimeException e) {
            log.error("node listener failed on CiliumNode \"{}\" resourceVersion {}", nodeName,
                    document.resourceVersion().orElse("?"), e);
        }
    }

    private void deletedEvent() {
        NodeListener target;
        synchronized (lock) {
            deleted = true;
            lastDelivered = null;
            target = listener;
        }
        log.warn("CiliumNode \"{}\" was deleted; IPAM continues on the last seen version", nodeName);
        try {
            target.nodeDeleted();
        } catch (RuntimeException e) {
            log.error("node listener failed on the deletion of CiliumNode \"{}\"", nodeName, e);
        }
    }

    /** Makes {@code document} current unless a newer version is already held; call under the lock. */
    private boolean advance(ResourceDocument document) {
        ResourceDocument held = current.get();
        if (held != null && !deleted && isOlder(document, held)) {
            return false;
        }
        deleted = false;
        current.set(document);
        return true;
    }

    private static boolean isOlder(ResourceDocument candidate, ResourceDocument held) {
        Optional<Long> a = candidate.resourceVersion().flatMap(KubernetesNodeSource::number);
        Optional<Long> b = held.resourceVersion().flatMap(KubernetesNodeSource::number);
        return a.isPresent() && b.isPresent() && a.get() < b.get();
    }

    private static Optional<Long> number(String version) {
        try {
            return Optional.of(Long.parseLong(version));
        } catch (NumberFormatException notNumeric) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ResourceDocument> current() {
        return Optional.ofNullable(current.get());
    }

    @Override
    public ResourceDocument fetch() {
        GenericKubernetesResource found;
        try {
            found = node().get();
        } catch (KubernetesClientException e) {
            throw requestFailed("read", e);
        }
        health.read();
        if (found == null) {
            throw new NodeSourceException("cannot read CiliumNode \"" + nodeName + "\": not found", null);
        }
        return accepted(found);
    }

    @Override
    public ResourceDocument replace(ResourceDocument desired) {
        requireNonNull(desired, "desired is null");
        if (!nodeName.equals(desired.name())) {
            throw new IllegalArgumentException("cannot write CiliumNode \"" + desired.name() + "\" through the source of \""
                    + nodeName + "\"");
        }
        String version = desired.resourceVersion().filter(v -> !v.isEmpty()).orElseThrow(() ->
                new IllegalArgumentException("CiliumNode \"" + nodeName + "\" to write has no metadata.resourceVersion"));
        GenericKubernetesResource stored;
        try {
            stored = client.genericKubernetesResources(ResourceContexts.CILIUM_NODE)
                    .resource(converter.toResource(desired)).lockResourceVersion(version).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                health.conflicted();
                throw new NodeConflictException("Operation cannot be fulfilled on ciliumnodes \"" + nodeName
                        + "\": the object has been modified (written with resourceVersion " + version + ")", e);
            }
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                health.notFound();
                throw new NodeSourceException("cannot write CiliumNode \"" + nodeName + "\": not found (deleted; the "
                        + "host does not create it)", e);
            }
            throw requestFailed("write", e);
        }
        health.written();
        return accepted(stored);
    }

    /** Records a failed request in the health and returns the exception to throw. */
    private NodeSourceException requestFailed(String operation, KubernetesClientException e) {
        String error = "cannot " + operation + " CiliumNode \"" + nodeName + "\": " + KubernetesErrors.describe(e);
        health.requestFailed(error);
        return new NodeSourceException(error, e);
    }

    /** Converts what the server answered, makes it current unless already outdated, and returns it. */
    private ResourceDocument accepted(GenericKubernetesResource answered) {
        ResourceDocument document = converter.toDocument(answered);
        synchronized (lock) {
            advance(document);
        }
        return document;
    }

    @Override
    public NodeSourceStatus status() {
        SharedIndexInformer<GenericKubernetesResource> watching = informer;
        NodeSourceHealth.WatchState state;
        if (watching == null || closed) {
            state = NodeSourceHealth.WatchState.NOT_SYNCED;
        } else if (watching.stopped().toCompletableFuture().isDone()) {
            state = NodeSourceHealth.WatchState.STOPPED;
        } else if (!watching.hasSynced()) {
            state = NodeSourceHealth.WatchState.NOT_SYNCED;
        } else {
            state = watching.isWatching() ? NodeSourceHealth.WatchState.WATCHING : NodeSourceHealth.WatchState.RECONNECTING;
        }
        Optional<String> notice = Optional.empty();
        if (current.get() == null) {
            notice = Optional.of("CiliumNode \"" + nodeName + "\" does not exist (yet)");
        } else if (deleted) {
            notice = Optional.of("CiliumNode \"" + nodeName + "\" was deleted; IPAM continues on the last seen version");
        }
        return health.snapshot(state, "watch of CiliumNode \"" + nodeName + "\" is down; reconnecting", notice);
    }

    @Override
    public void close() {
        SharedIndexInformer<GenericKubernetesResource> running;
        synchronized (lock) {
            closed = true;
            running = informer;
        }
        if (running != null) {
            running.stop();
        }
    }
}
