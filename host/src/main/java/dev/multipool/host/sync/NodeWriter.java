package dev.multipool.host.sync;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.InvalidPoolSectionException;
import dev.multipool.api.PoolSection;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.node.NodeSourceException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a consumer's section of the node resource (spec M31–M33, M40, M45).
 *
 * <p>{@link #trigger()} never blocks: it schedules a pass no earlier than one update interval after
 * the previous pass started, so a burst of triggers costs one write. A pass also runs every refresh
 * interval. A pass computes the section, compares it with the node's (no write when equal), and
 * PUTs the node with its resourceVersion; on a conflict it ingests the fresh node, recomputes and
 * retries at once (bounded, with a short backoff); on other failures it retries with a growing
 * delay, up to 30 seconds, until the store answers again.
 */
public final class NodeWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeWriter.class);
    private static final int CONFLICT_ATTEMPTS = 8;
    private static final long MAX_FAILURE_BACKOFF_MILLIS = 30_000;

    private final NodeWriterParams params;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> pendingPass;
    private long lastPassStartNanos = Long.MIN_VALUE;
    private long failureBackoffMillis;
    private volatile boolean firstSyncDone;
    private boolean closed;
    private boolean started;

    /**
     * Creates the writer; nothing runs until {@link #start()}.
     *
     * @param params the hooks and intervals
     */
    public NodeWriter(NodeWriterParams params) {
        this.params = requireNonNull(params, "params is null");
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "node-writer-" + params.consumerId());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
    }

    /**
     * Starts the periodic pass and runs a first pass at once. Triggers before this are ignored: the
     * consumer starts its writer once its allocations are restored, so nothing is published from a
     * half-restored state.
     */
    public void start() {
        synchronized (this) {
            started = true;
        }
        long refresh = params.refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::trigger, refresh, refresh, TimeUnit.MILLISECONDS);
        trigger();
    }

    /** Asks for a pass; returns at once. */
    public synchronized void trigger() {
        if (!started || closed || pendingPass != null) {
            return;
        }
        long delay = 0;
        if (lastPassStartNanos != Long.MIN_VALUE) {
            long next = lastPassStartNanos + params.updateRate().toNanos();
            delay = Math.max(0, next - System.nanoTime());
        }
        pendingPass = scheduler.schedule(this::runPass, delay, TimeUnit.NANOSECONDS);
    }

    /**
     * Returns whether a pass has written the section, or found it already right, since start (M45).
     *
     * @return true after the first successful pass
     */
    public boolean firstSyncDone() {
        return firstSyncDone;
    }

    private void runPass() {
        synchronized (this) {
            pendingPass = null;
            lastPassStartNanos = System.nanoTime();
        }
        try {
            pass();
        } catch (RuntimeException e) {
            log.error("consumer {}: node write pass failed", params.consumerId(), e);
            params.observer().failed(e);
            retryLater();
        }
    }

    private void pass() {
        Optional<ResourceDocument> base = params.lastIngested().get();
        if (base.isEmpty()) {
            return;
        }
        ResourceDocument node = base.get();
        for (int attempt = 0; attempt < CONFLICT_ATTEMPTS; attempt++) {
            Optional<PoolSection> desired = params.computeSection().get();
            if (desired.isEmpty()) {
                return;
            }
            if (desired.get().equals(readOrNull(node))) {
                succeeded();
                params.observer().unchanged();
                return;
            }
            try {
                ResourceDocument stored = params.source().replace(params.accessor().write(node, desired.get()));
                params.ingest().accept(stored);
                succeeded();
                params.observer().written();
                return;
            } catch (NodeConflictException e) {
                params.observer().conflict();
                log.debug("consumer {}: conflict writing {}, retrying from the fresh node", params.consumerId(),
                        params.accessor().describe());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(500, 10L << attempt)));
                node = params.source().fetch();
                params.ingest().accept(node);
            } catch (NodeSourceException e) {
                log.warn("consumer {}: cannot write {}: {}", params.consumerId(), params.accessor().describe(),
                        e.getMessage());
                params.observer().failed(e);
                retryLater();
                return;
            }
        }
        log.info("consumer {}: {} conflicts in a row writing {}; the next pass retries", params.consumerId(),
                CONFLICT_ATTEMPTS, params.accessor().describe());
        retryLater();
    }

    private PoolSection readOrNull(ResourceDocument node) {
        try {
            return params.accessor().read(node);
        } catch (InvalidPoolSectionException e) {
            return null;
        }
    }

    private synchronized void succeeded() {
        failureBackoffMillis = 0;
        if (!firstSyncDone) {
            log.info("consumer {}: first write of {} done", params.consumerId(), params.accessor().describe());
        }
        firstSyncDone = true;
    }

    private synchronized void retryLater() {
        if (closed) {
            return;
        }
        failureBackoffMillis = failureBackoffMillis == 0 ? 1000 : Math.min(MAX_FAILURE_BACKOFF_MILLIS, failureBackoffMillis * 2);
        scheduler.schedule(this::trigger, failureBackoffMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
