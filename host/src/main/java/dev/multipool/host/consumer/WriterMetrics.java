package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.metrics.HostMetrics;
import dev.multipool.host.sync.WriterObserver;

/** Counts a consumer's node writer outcomes in the host metrics. */
final class WriterMetrics implements WriterObserver {

    private final String consumerId;
    private final HostMetrics metrics;

    WriterMetrics(String consumerId, HostMetrics metrics) {
        this.consumerId = requireNonNull(consumerId, "consumerId is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void written() {
        metrics.nodeWrite(consumerId, "written");
    }

    @Override
    public void unchanged() {
        metrics.nodeWrite(consumerId, "unchanged");
    }

    @Override
    public void conflict() {
        metrics.nodeWrite(consumerId, "conflict");
    }

    @Override
    public void failed(RuntimeException error) {
        metrics.nodeWrite(consumerId, "failed");
    }
}
