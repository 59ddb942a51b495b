package dev.multipool.host.node.kubernetes;

import dev.multipool.api.HostMode;
import dev.multipool.host.node.NodeSourceStatus;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bookkeeping behind {@link KubernetesNodeSource#status()}: counters, the last request error
 * (a failed GET or PUT, kept until a request succeeds) and the last informer error (kept until the
 * watch is up again).
 */
final class NodeSourceHealth {

    /** What the informer looks like at the moment {@link #snapshot} is taken. */
    enum WatchState {
        /** Not started, or the first list has not arrived yet. */
        NOT_SYNCED,
        /** Listed and watching. */
        WATCHING,
        /** Listed once, but the watch is down (reconnecting). */
        RECONNECTING,
        /** Stopped on its own; it will not recover. */
        STOPPED
    }

    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String requestError;
    private volatile String informerError;

    void written() {
        writes.incrementAndGet();
        requestError = null;
    }

    void read() {
        requestError = null;
    }

    /** A 409 is an answer: the server is reachable, only the copy was stale. */
    void conflicted() {
        conflicts.incrementAndGet();
        requestError = null;
    }

    void requestFailed(String error) {
        failures.incrementAndGet();
        requestError = error;
    }

    void informerFailed(String error) {
        informerError = error;
    }

    NodeSourceStatus snapshot(WatchState watch, String watchDownMessage, Optional<String> notice) {
        if (watch == WatchState.WATCHING) {
            informerError = null;
        }
        String request = requestError;
        String informer = informerError;
        String state;
        Optional<String> error;
        switch (watch) {
            case STOPPED -> {
                state = "failed";
                error = Optional.of(informer != null ? informer : watchDownMessage);
            }
            case NOT_SYNCED -> {
                boolean failing = request != null || informer != null;
                state = failing ? "disconnected" : "connecting";
                error = Optional.ofNullable(request != null ? request : informer);
            }
            case RECONNECTING -> {
                state = "disconnected";
                error = Optional.of(request != null ? request : informer != null ? informer : watchDownMessage);
            }
            default -> {
                state = request != null ? "disconnected" : "synced";
                error = request != null ? Optional.of(request) : notice;
            }
        }
        return new NodeSourceStatus(HostMode.KUBERNETES, state, error, writes.get(), conflicts.get(), failures.get());
    }
}
