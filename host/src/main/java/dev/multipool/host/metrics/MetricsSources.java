package dev.multipool.host.metrics;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.status.ConsumerDetail;
import dev.multipool.host.status.ConsumersReport;
import dev.multipool.host.status.HealthReport;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where {@link HostMetrics} reads its gauges from at scrape time, so no number is kept twice.
 *
 * @param health the health report (consumer states, waiting gates, node source)
 * @param consumers the consumers and plugins report
 * @param details every loaded consumer's detail (pools, deferred restores)
 */
public record MetricsSources(Supplier<HealthReport> health, Supplier<ConsumersReport> consumers,
                             Supplier<List<ConsumerDetail>> details) {

    /** Validates the parts. */
    public MetricsSources {
        requireNonNull(health, "health is null");
        requireNonNull(consumers, "consumers is null");
        requireNonNull(details, "details is null");
    }
}
