package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.InvalidPoolSectionException;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolSection;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.kubernetes.ResourceContexts;
import dev.multipool.host.node.kubernetes.ResourceDocumentConverter;
import dev.multipool.host.operator.PoolOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes side of one {@link TestOperator} reconcile: reads the section, lets the
 * {@link PoolOperator} decide {@code allocated} (O1–O3), writes it with a PUT carrying the
 * resourceVersion it read (rereading and recomputing on 409), then writes or clears the
 * operator's error in {@code status.ipam.operator-status.error} through the status subresource
 * (O4). Runs on the operator's one worker thread.
 */
final class NodeReconciler {

    private static final Logger log = LoggerFactory.getLogger(NodeReconciler.class);
    private static final int MAX_CONFLICT_RETRIES = 50;
    private static final List<String> OPERATOR_ERROR = List.of("status", "ipam", "operator-status", "error");

    private final KubernetesClient client;
    private final PoolKind kind;
    private final PoolSectionAccessor accessor;
    private final PoolOperator operator;
    private final ResourceDocumentConverter converter;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();

    NodeReconciler(KubernetesClient client, PoolKind kind, PoolSectionAccessor accessor, PoolOperator operator) {
        this.client = requireNonNull(client, "client is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.accessor = requireNonNull(accessor, "accessor is null");
        this.operator = requireNonNull(operator, "operator is null");
        this.converter = new ResourceDocumentConverter(client.getKubernetesSerialization());
    }

    long writes() {
        return writes.get();
    }

    long conflicts() {
        return conflicts.get();
    }

    /**
     * Reconciles one node from the given copy, rereading it after each conflict.
     *
     * @param name the node name
     * @param read the node as last seen
     */
    void reconcile(String name, ResourceDocument read) {
        ResourceDocument node = read;
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            PoolSection section;
            try {
                section = accessor.read(node);
            } catch (InvalidPoolSectionException e) {
                log.error("test operator {}: node {}: {}", accessor.describe(), name, e.getMessage());
                return;
            }
            List<PoolAllocation> allocated = operator.reconcile(name, section);
            if (!allocated.equals(section.allocated())) {
                Optional<ResourceDocument> stored = replace(accessor.write(node, section.withAllocated(allocated)));
                if (stored.isEmpty()) {
                    conflicts.incrementAndGet();
                    node = fetch(name).orElse(null);
                    if (node == null) {
                        return;
                    }
                    continue;
                }
                writes.incrementAndGet();
                log.info("test operator {}: node {} now allocated {}", accessor.describe(), name, allocated);
                node = stored.get();
            }
            writeError(name, node);
            return;
        }
        log.warn("test operator {}: {} conflicts in a row on node {}; the next change retries", accessor.describe(),
                MAX_CONFLICT_RETRIES, name);
    }

    /** O4: the reconcile error, or the clearing of this operator's own earlier error. */
    private void writeError(String name, ResourceDocument node) {
        String prefix = kind.kind() + " allocation failed: ";
        String wanted = operator.lastError(name).map(error -> prefix + error).orElse("");
        String current = node.get(OPERATOR_ERROR.toArray(String[]::new)).map(String::valueOf).orElse("");
        if (wanted.equals(current) || (wanted.isEmpty() && !current.startsWith(prefix))) {
            return;
        }
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            try {
                client.genericKubernetesResources(ResourceContexts.CILIUM_NODE)
                        .resource(converter.toResource(node.with(OPERATOR_ERROR, wanted)))
                        .lockResourceVersion(node.resourceVersion().orElseThrow()).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                conflicts.incrementAndGet();
                node = fetch(name).orElse(null);
                if (node == null) {
                    return;
                }
            }
        }
    }

    /** PUTs the node; empty on a conflict. */
    private Optional<ResourceDocument> replace(ResourceDocument desired) {
        try {
            GenericKubernetesResource stored = client.genericKubernetesResources(ResourceContexts.CILIUM_NODE)
                    .resource(converter.toResource(desired)).lockResourceVersion(desired.resourceVersion().orElseThrow())
                    .update();
            return Optional.of(converter.toDocument(stored));
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<ResourceDocument> fetch(String name) {
        GenericKubernetesResource found = client.genericKubernetesResources(ResourceContexts.CILIUM_NODE)
                .withName(name).get();
        return Optional.ofNullable(found).map(converter::toDocument);
    }
}
