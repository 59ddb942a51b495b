package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.metrics.HostMetrics;
import dev.multipool.host.node.NodeSource;
import dev.multipool.host.pools.PoolCatalogs;
import dev.multipool.host.state.AllocationJournal;
import java.util.Map;

/**
 * The host parts every consumer runtime shares.
 *
 * @param nodeSource the node resource
 * @param journal the allocation journal
 * @param metrics the metrics
 * @param catalogs the pool catalog of each kind (started on first use)
 * @param sections told about each consumer's section once it is defined
 * @param services optional services offered to plugins by type (for example the KubernetesClient)
 */
public record HostServices(NodeSource nodeSource, AllocationJournal journal, HostMetrics metrics,
                           PoolCatalogs catalogs, ConsumerSections sections,
                           Map<Class<?>, Object> services) {

    /** Validates the parts. */
    public HostServices {
        requireNonNull(nodeSource, "nodeSource is null");
        requireNonNull(journal, "journal is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(catalogs, "catalogs is null");
        requireNonNull(sections, "sections is null");
        services = Map.copyOf(requireNonNull(services, "services is null"));
    }
}
