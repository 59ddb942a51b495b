package dev.multipool.host.pools.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import dev.multipool.host.node.kubernetes.KubernetesErrors;
import dev.multipool.host.node.kubernetes.ResourceContexts;
import dev.multipool.host.node.kubernetes.ResourceDocumentConverter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool objects of one cluster-scoped {@link PoolKind} (for example CiliumPodIPPool), kept in
 * sync by a fabric8 informer.
 *
 * <p>The informer's store is the source of truth: after every event, and when the first full
 * listing has arrived, the catalog rebuilds its snapshot from the store, parsing each object with
 * {@link PoolDefinition#parse} once per resourceVersion. Objects that do not parse are logged with
 * the reason, left out, and listed by {@link #invalid()}. Listeners run after every change of the
 * snapshot and once at the first sync, on the informer's thread, without locks held.
 */
public final class KubernetesPoolCatalog implements PoolCatalog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesPoolCatalog.class);

    private final KubernetesClient client;
    private final PoolKind kind;
    private final ResourceDocumentConverter converter;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Parsed> parsed = new HashMap<>();
    private volatile Map<PoolName, PoolDefinition> pools = Map.of();
    private volatile Map<String, String> invalid = Map.of();
    private volatile boolean synced;
    private volatile boolean closed;
    private final Object lifecycle = new Object();
    private volatile SharedIndexInformer<GenericKubernetesResource> informer;

    /** One object's parse result, kept while its resourceVersion stays the same. */
    private record Parsed(String resourceVersion, PoolDefinition pool, String error) {
    }

    /**
     * Creates the catalog; nothing is requested until {@link #start()}.
     *
     * @param client the host's client (not closed by the catalog)
     * @param kind the kind of pool objects
     */
    public KubernetesPoolCatalog(KubernetesClient client, PoolKind kind) {
        this.client = requireNonNull(client, "client is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.converter = new ResourceDocumentConverter(client.getKubernetesSerialization());
    }

    /** Starts the informer; returns at once. The catalog syncs when the API server answers. */
    public void start() {
        SharedIndexInformer<GenericKubernetesResource> created;
        synchronized (lifecycle) {
            if (informer != null || closed) {
                throw new IllegalStateException(kind.kind() + " catalog already started");
            }
            created = client.genericKubernetesResources(ResourceContexts.of(kind)).runnableInformer(0);
            informer = created;
        }
        created.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource resource) {
                refresh(false);
            }

            @Override
            public void onUpdate(GenericKubernetesResource previous, GenericKubernetesResource resource) {
                refresh(false);
            }

            @Override
            public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
                refresh(false);
            }
        });
        created.exceptionHandler((started, failure) -> {
            if (closed) {
                return false;
            }
            log.warn("listing or watching {} failed: {}; retrying", kind.kind(), KubernetesErrors.describe(failure));
            return true;
        });
        created.start().whenComplete((ignored, failure) -> {
            if (failure == null) {
                refresh(true);
            }
        });
    }

    private void refresh(boolean firstSync) {
        if (closed) {
            return;
        }
        boolean changed;
        synchronized (this) {
            if (firstSync && synced) {
                return;
            }
            Map<PoolName, PoolDefinition> nextPools = new TreeMap<>();
            Map<String, String> nextInvalid = new TreeMap<>();
            Map<String, Parsed> seen = new HashMap<>();
            for (GenericKubernetesResource item : informer.getStore().list()) {
                String name = item.getMetadata() == null ? "" : String.valueOf(item.getMetadata().getName());
                String version = item.getMetadata() == null ? null : item.getMetadata().getResourceVersion();
                Parsed result = parsed.get(name);
                if (result == null || version == null || !version.equals(result.resourceVersion())) {
                    result = parse(name, version, converter.toDocument(item));
                }
                seen.put(name, result);
                if (result.pool() != null) {
                    nextPools.put(result.pool().name(), result.pool());
                } else {
                    nextInvalid.put(name, result.error());
                }
            }
            parsed.clear();
            parsed.putAll(seen);
            changed = firstSync || !nextPools.equals(pools) || !nextInvalid.equals(invalid);
            pools = Collections.unmodifiableMap(nextPools);
            invalid = Collections.unmodifiableMap(nextInvalid);
            if (firstSync) {
                synced = true;
                log.info("{} synced: {} pool(s), {} invalid", kind.kind(), nextPools.size(), nextInvalid.size());
            }
        }
        if (changed && synced) {
            notifyListeners();
        }
    }

    private Parsed parse(String name, String version, ResourceDocument document) {
        try {
            PoolDefinition pool = PoolDefinition.parse(kind, document);
            log.debug("{} \"{}\" (resourceVersion {}) loaded", kind.kind(), name, version);
            return new Parsed(version, pool, null);
        } catch (IllegalArgumentException e) {
            log.warn("ignoring {} \"{}\" (resourceVersion {}): {}", kind.kind(), name, version, e.getMessage());
            return new Parsed(version, null, e.getMessage());
        }
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.error("{} catalog listener {} failed", kind.kind(), listener, e);
            }
        }
    }

    @Override
    public PoolKind kind() {
        return kind;
    }

    @Override
    public boolean isSynced() {
        return synced;
    }

    @Override
    public Optional<PoolDefinition> get(PoolName name) {
        requireNonNull(name, "name is null");
        return Optional.ofNullable(pools.get(name));
    }

    @Override
    public List<PoolDefinition> list() {
        return List.copyOf(pools.values());
    }

    /**
     * Returns the objects left out because they do not parse.
     *
     * @return object name to the reason, sorted by name
     */
    public Map<String, String> invalid() {
        return invalid;
    }

    @Override
    public Subscription onChange(Runnable listener) {
        requireNonNull(listener, "listener is null");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        SharedIndexInformer<GenericKubernetesResource> running;
        synchronized (lifecycle) {
            closed = true;
            running = informer;
        }
        if (running != null) {
            running.stop();
        }
    }
}
