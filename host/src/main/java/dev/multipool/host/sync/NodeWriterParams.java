package dev.multipool.host.sync;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolSection;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeSource;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything a {@link NodeWriter} needs, as function hooks (the manager and the consumer runtime
 * stay unaware of the writer).
 *
 * @param consumerId the consumer, for logs and thread names
 * @param source the node resource
 * @param accessor the consumer's section of it
 * @param computeSection the manager's sync computation (spec M32); empty before a node was seen
 * @param lastIngested the node version the manager last ingested: writes are based on it, so a
 *     version the manager has not seen can never be overwritten (the resourceVersion check refuses)
 * @param ingest feeds a node version to the consumer (the stored result of a write, or a fresh
 *     copy after a conflict)
 * @param updateRate the debounce interval ({@code --ipam-cilium-node-update-rate})
 * @param refreshInterval the periodic pass (1 minute, spec M31)
 * @param observer write outcomes
 */
public record NodeWriterParams(String consumerId, NodeSource source, PoolSectionAccessor accessor,
                               Supplier<Optional<PoolSection>> computeSection,
                               Supplier<Optional<ResourceDocument>> lastIngested,
                               Consumer<ResourceDocument> ingest, Duration updateRate, Duration refreshInterval,
                               WriterObserver observer) {

    /** Validates the parts. */
    public NodeWriterParams {
        requireNonNull(consumerId, "consumerId is null");
        requireNonNull(source, "source is null");
        requireNonNull(accessor, "accessor is null");
        requireNonNull(computeSection, "computeSection is null");
        requireNonNull(lastIngested, "lastIngested is null");
        requireNonNull(ingest, "ingest is null");
        requireNonNull(updateRate, "updateRate is null");
        requireNonNull(refreshInterval, "refreshInterval is null");
        requireNonNull(observer, "observer is null");
        if (updateRate.isNegative() || refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("updateRate must be >= 0 and refreshInterval > 0");
        }
    }
}
