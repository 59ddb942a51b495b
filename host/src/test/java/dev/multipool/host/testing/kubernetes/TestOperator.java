package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.InvalidPoolSectionException;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.host.node.kubernetes.ResourceContexts;
import dev.multipool.host.node.kubernetes.ResourceDocumentConverter;
import dev.multipool.host.operator.PoolOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cilium multi-pool operator for one section of every CiliumNode on a (mock) API server, so host
 * tests can run the whole loop: the host writes {@code requested}, this operator delegates blocks
 * in {@code allocated}, the host hands out addresses and later leaves blocks out, and this operator
 * takes them back (spec O1–O5).
 *
 * <p>All allocation decisions are the host's pure {@link PoolOperator}'s; this class only does the
 * Kubernetes side, as Cilium's operator does: informers on CiliumNodes and on the pool kind; on
 * start, every node's listed blocks are occupied before anything is delegated (O1, the operator's
 * own restore); then each node is reconciled whenever it or a pool changes. {@code allocated} is
 * written with a read-modify-write PUT carrying the resourceVersion and retried from a fresh read
 * on 409, so every other field (the host's {@code requested}, the other section, labels, unknown
 * keys) is preserved. A reconcile error is written to {@code status.ipam.operator-status.error} as
 * {@code "<kind> allocation failed: <error>"} through the status subresource and cleared after the
 * next clean reconcile of the same operator (O4). A deleted node's blocks are freed (O5).
 *
 * <p>Work runs on one thread per operator and coalesces bursts. {@link #pause()} holds delegation
 * back (events are remembered) so a test can look at what the host asks for first. Use
 * {@link MockApiServer#driver()} as its client to keep its requests out of the host's request counts
 * and faults; any other client works too.
 *
 * <pre>{@code
 * try (TestOperator operator = TestOperator.forPodPools(api.driver()).start()) { ... }
 * }</pre>
 */
public final class TestOperator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestOperator.class);

    private final KubernetesClient client;
    private final PoolKind kind;
    private final PoolSectionAccessor accessor;
    private final ResourceDocumentConverter converter;
    private final PoolOperator operator = new PoolOperator();
    private final NodeReconciler reconciler;
    private final ScheduledExecutorService worker;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean restored;
    private volatile boolean paused;
    private SharedIndexInformer<GenericKubernetesResource> nodes;
    private SharedIndexInformer<GenericKubernetesResource> pools;

    /**
     * Creates an operator; nothing runs until {@link #start()}.
     *
     * @param client the client it talks through
     * @param kind the pool kind of the section
     * @param accessor the section it serves
     */
    public TestOperator(KubernetesClient client, PoolKind kind, PoolSectionAccessor accessor) {
        this.client = requireNonNull(client, "client is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.accessor = requireNonNull(accessor, "accessor is null");
        this.converter = new ResourceDocumentConverter(client.getKubernetesSerialization());
        this.reconciler = new NodeReconciler(client, kind, accessor, operator);
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "test-operator-" + accessor.describe());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Returns the operator of CiliumPodIPPools and {@code spec.ipam.pools}.
     *
     * @param client the client
     * @return the operator, not started
     */
    public static TestOperator forPodPools(KubernetesClient client) {
        return new TestOperator(client, PoolKind.CILIUM_POD_IP_POOL, PoolSectionAccessor.atPath("spec", "ipam", "pools"));
    }

    /**
     * Returns the operator of CiliumResourceIPPools and {@code spec.ipam.resourcepools}.
     *
     * @param client the client
     * @return the operator, not started
     */
    public static TestOperator forResourcePools(KubernetesClient client) {
        return new TestOperator(client, PoolKind.CILIUM_RESOURCE_IP_POOL,
                PoolSectionAccessor.atPath("spec", "ipam", "resourcepools"));
    }

    /**
     * Starts both informers, waits for their first listing, occupies what every node lists and
     * then reconciles every node.
     *
     * @return this
     */
    public TestOperator start() {
        pools = client.genericKubernetesResources(ResourceContexts.of(kind)).runnableInformer(0);
        pools.addEventHandler(handler(name -> worker.execute(this::reloadPools)));
        nodes = client.genericKubernetesResources(ResourceContexts.CILIUM_NODE).runnableInformer(0);
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource node) {
                enqueue(node.getMetadata().getName());
            }

            @Override
            public void onUpdate(GenericKubernetesResource previous, GenericKubernetesResource node) {
                enqueue(node.getMetadata().getName());
            }

            @Override
            public void onDelete(GenericKubernetesResource node, boolean finalStateUnknown) {
                String name = node.getMetadata().getName();
                worker.execute(() -> operator.forgetNode(name));
            }
        });
        try {
            pools.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
            nodes.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
            worker.submit(this::restore).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException(accessor.describe() + " operator did not start: " + e, e);
        }
        return this;
    }

    private ResourceEventHandler<GenericKubernetesResource> handler(java.util.function.Consumer<String> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource resource) {
                onChange.accept(resource.getMetadata().getName());
            }

            @Override
            public void onUpdate(GenericKubernetesResource previous, GenericKubernetesResource resource) {
                onChange.accept(resource.getMetadata().getName());
            }

            @Override
            public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
                onChange.accept(resource.getMetadata().getName());
            }
        };
    }

    /** O1 after a restart: occupy every node's listed blocks, then reconcile them all. */
    private void restore() {
        reloadPools();
        for (GenericKubernetesResource node : nodes.getStore().list()) {
            String name = node.getMetadata().getName();
            try {
                operator.occupy(name, accessor.read(converter.toDocument(node)));
            } catch (InvalidPoolSectionException e) {
                log.error("test operator {}: node {}: {}", accessor.describe(), name, e.getMessage());
            }
            dirty.add(name);
        }
        restored = true;
        kick();
    }

    private void reloadPools() {
        List<PoolDefinition> definitions = new ArrayList<>();
        for (GenericKubernetesResource pool : pools.getStore().list()) {
            try {
                definitions.add(PoolDefinition.parse(kind, converter.toDocument(pool)));
            } catch (IllegalArgumentException e) {
                log.warn("test operator {}: ignoring {} {}: {}", accessor.describe(), kind.kind(),
                        pool.getMetadata().getName(), e.getMessage());
            }
        }
        operator.setPools(definitions);
        if (restored) {
            nodes.getStore().list().forEach(node -> dirty.add(node.getMetadata().getName()));
            kick();
        }
    }

    private void enqueue(String node) {
        dirty.add(node);
        kick();
    }

    private void kick() {
        if (restored && !paused && !dirty.isEmpty() && scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        if (paused) {
            return;
        }
        for (String name : List.copyOf(dirty)) {
            dirty.remove(name);
            try {
                reconcile(name);
            } catch (RuntimeException e) {
                log.warn("test operator {}: reconcile of node {} failed, retrying: {}", accessor.describe(), name, e.toString());
                worker.schedule(() -> enqueue(name), 100, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void reconcile(String name) {
        GenericKubernetesResource cached = nodes.getStore().getByKey(name);
        if (cached != null) {
            reconciler.reconcile(name, converter.toDocument(cached));
        }
    }

    /** Holds delegation back; node and pool changes are remembered until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    /** Reconciles what changed while paused and goes on reconciling. */
    public void resume() {
        paused = false;
        kick();
    }

    /**
     * Returns the blocks this operator has delegated to a node.
     *
     * @param node the node name
     * @return a snapshot
     */
    public Set<Cidr> blocksOf(String node) {
        return operator.blocksOf(node);
    }

    /**
     * Returns the error of the node's last reconcile.
     *
     * @param node the node name
     * @return the error, if there was one
     */
    public Optional<String> lastError(String node) {
        return operator.lastError(node);
    }

    /**
     * Returns how many times this operator changed a node's {@code allocated}.
     *
     * @return the count
     */
    public long writes() {
        return reconciler.writes();
    }

    /**
     * Returns how many of its writes were refused with 409 and retried.
     *
     * @return the count
     */
    public long conflicts() {
        return reconciler.conflicts();
    }

    @Override
    public void close() {
        if (nodes != null) {
            nodes.stop();
        }
        if (pools != null) {
            pools.stop();
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
