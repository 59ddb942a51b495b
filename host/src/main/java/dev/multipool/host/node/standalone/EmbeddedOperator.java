package dev.multipool.host.node.standalone;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.InvalidPoolSectionException;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolSection;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import dev.multipool.host.consumer.ConsumerSections;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.node.NodeListener;
import dev.multipool.host.node.NodeSourceException;
import dev.multipool.host.operator.PoolOperator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode's operator: for every consumer section of the node document, delegates blocks
 * of the consumer's pools when the host requests addresses and takes back blocks the host no
 * longer lists (spec O1–O4, computed by {@link PoolOperator}). It reacts to every stored node
 * version and to pool changes, on one thread, coalescing bursts.
 *
 * <p>Consumers whose pools are of the same kind draw from the same address space, so they share
 * one {@link PoolOperator}, in which each consumer's section holds its blocks under its own name:
 * a block delegated to one consumer is never delegated to another.
 */
public final class EmbeddedOperator implements ConsumerSections, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedOperator.class);
    private static final int MAX_CONFLICT_RETRIES = 10;

    private record ManagedSection(String consumerId, PoolSectionAccessor accessor, PoolCatalog pools, PoolOperator operator) {
    }

    private final StandaloneNodeStore store;
    private final List<ManagedSection> sections = new ArrayList<>();
    private final Map<PoolKind, PoolOperator> operators = new HashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final ExecutorService worker;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private boolean started;

    /**
     * Creates the operator for a store.
     *
     * @param store the standalone node store
     */
    public EmbeddedOperator(StandaloneNodeStore store) {
        this.store = requireNonNull(store, "store is null");
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-operator");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Adds a consumer's section; it is reconciled at once if the operator runs, and on every pool
     * change from then on.
     *
     * @param consumerId the consumer, for logs
     * @param accessor where its section lives
     * @param pools its pool objects
     */
    @Override
    public synchronized void register(String consumerId, PoolSectionAccessor accessor, PoolCatalog pools) {
        PoolOperator operator = operators.computeIfAbsent(pools.kind(), kind -> new PoolOperator());
        operator.setPools(pools.list());
        ManagedSection section = new ManagedSection(consumerId, accessor, pools, operator);
        sections.add(section);
        if (started) {
            watchPools(section);
            schedule();
        }
    }

    /** Starts reconciling the sections registered so far and those registered later. */
    public synchronized void start() {
        started = true;
        sections.forEach(this::watchPools);
        store.subscribe(new NodeListener() {
            @Override
            public void nodeUpserted(ResourceDocument node) {
                schedule();
            }

            @Override
            public void nodeDeleted() {
            }
        });
    }

    private void watchPools(ManagedSection section) {
        subscriptions.add(section.pools().onChange(() -> {
            section.operator().setPools(section.pools().list());
            schedule();
        }));
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            worker.execute(() -> {
                scheduled.set(false);
                reconcile();
            });
        }
    }

    private void reconcile() {
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            ResourceDocument node = store.fetch();
            ResourceDocument updated = node;
            synchronized (this) {
                // every section's blocks first, so that no section is given a block another one lists
                Map<ManagedSection, PoolSection> current = new LinkedHashMap<>();
                for (ManagedSection section : sections) {
                    read(section, node).ifPresent(read -> {
                        current.put(section, read);
                        section.operator().occupy(holder(node, section), read);
                    });
                }
                for (Map.Entry<ManagedSection, PoolSection> entry : current.entrySet()) {
                    updated = reconcileSection(entry.getKey(), entry.getValue(), updated);
                }
            }
            if (updated.equals(node)) {
                return;
            }
            try {
                store.replace(updated);
                return;
            } catch (NodeConflictException e) {
                log.debug("embedded operator: conflict, retrying from the stored node");
            } catch (NodeSourceException e) {
                log.error("embedded operator: cannot write the node: {}", e.getMessage());
                return;
            }
        }
        log.warn("embedded operator: gave up after {} conflicts; the next node change retries", MAX_CONFLICT_RETRIES);
    }

    private static Optional<PoolSection> read(ManagedSection section, ResourceDocument node) {
        try {
            return Optional.of(section.accessor().read(node));
        } catch (InvalidPoolSectionException e) {
            log.error("embedded operator: consumer {}: {}", section.consumerId(), e.getMessage());
            return Optional.empty();
        }
    }

    private ResourceDocument reconcileSection(ManagedSection section, PoolSection current, ResourceDocument node) {
        List<PoolAllocation> allocated = section.operator().reconcile(holder(node, section), current);
        if (allocated.equals(current.allocated())) {
            return node;
        }
        log.info("embedded operator: consumer {}: {} now allocated {}", section.consumerId(),
                section.accessor().describe(), allocated);
        return section.accessor().write(node, current.withAllocated(allocated));
    }

    /** The name a section's blocks are held under in its kind's shared operator. */
    private static String holder(ResourceDocument node, ManagedSection section) {
        return node.name() + " (consumer " + section.consumerId() + ")";
    }

    @Override
    public synchronized void close() {
        subscriptions.forEach(Subscription::close);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
