package dev.multipool.host.metrics;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.host.manager.FamilyDump;
import dev.multipool.host.manager.PoolDump;
import dev.multipool.host.status.ConsumerDetail;
import dev.multipool.host.status.ConsumerHealth;
import dev.multipool.host.status.ConsumerState;
import dev.multipool.host.status.HealthReport;
import dev.multipool.host.status.PluginInfo;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The host's Prometheus metrics. Pool gauges use Cilium's names ({@code cilium_ipam_multipool_*})
 * with a {@code consumer} label added; they are computed from the managers at scrape time.
 * Counters are updated as events happen.
 */
public final class HostMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter ipamEvents;
    private final Counter nodeWrites;
    private final Histogram restDuration;

    /**
     * Registers every metric.
     *
     * @param sources where gauges read their values
     */
    public HostMetrics(MetricsSources sources) {
        requireNonNull(sources, "sources is null");
        ipamEvents = Counter.builder().name("cilium_ipam_events_total")
                .help("Allocations and releases by consumer, action, family and outcome")
                .labelNames("consumer", "action", "family", "outcome").register(registry);
        nodeWrites = Counter.builder().name("multipool_node_writes_total")
                .help("Passes of a consumer's node writer by outcome (written, unchanged, conflict, failed)")
                .labelNames("consumer", "outcome").register(registry);
        restDuration = Histogram.builder().name("multipool_rest_request_duration_seconds")
                .help("REST API request duration by method, route and status code")
                .labelNames("method", "route", "code")
                .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1)
                .classicOnly().register(registry);
        poolGauge(sources, "cilium_ipam_multipool_available_ips", "Usable addresses of the pool on this node",
                FamilyDump::capacity);
        poolGauge(sources, "cilium_ipam_multipool_used_ips", "Addresses in use", FamilyDump::inUse);
        poolGauge(sources, "cilium_ipam_multipool_needed_ips", "Demand last computed for the pool", FamilyDump::demand);
        poolGauge(sources, "cilium_ipam_multipool_allocated_blocks", "CIDRs delegated to this node",
                dump -> dump.cidrs().size());
        GaugeWithCallback.builder().name("multipool_consumer_state")
                .help("1 for the state each consumer is in").labelNames("consumer", "state")
                .callback(callback -> sources.health().get().consumers().forEach((id, health) -> {
                    for (ConsumerState state : ConsumerState.values()) {
                        callback.call(health.state() == state ? 1 : 0, id, state.wireName());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("multipool_consumer_gate_waiting")
                .help("1 while a consumer waits for the named startup gate").labelNames("consumer", "gate")
                .callback(callback -> sources.health().get().consumers().forEach((id, health) -> waitingGate(health)
                        .ifPresent(gate -> callback.call(1, id, gate)))).register(registry);
        GaugeWithCallback.builder().name("multipool_plugin_state")
                .help("1 for the state each plugin is in").labelNames("plugin", "state")
                .callback(callback -> {
                    for (PluginInfo plugin : sources.consumers().get().plugins()) {
                        callback.call(1, plugin.id(), plugin.state().wireName());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("multipool_restore_deferred_records")
                .help("Restored allocations whose CIDR is not delegated yet (their addresses stay reserved)")
                .labelNames("consumer")
                .callback(callback -> sources.details().get().forEach(detail ->
                        callback.call(detail.deferredRestores().size(), detail.id()))).register(registry);
        GaugeWithCallback.builder().name("multipool_node_source_synced")
                .help("1 while the node source is connected and synced").labelNames("mode")
                .callback(callback -> {
                    HealthReport health = sources.health().get();
                    callback.call("synced".equals(health.nodeSource().state()) ? 1 : 0,
                            health.nodeSource().mode().name().toLowerCase(Locale.ROOT));
                }).register(registry);
        CounterWithCallback.builder().name("multipool_node_source_requests_total")
                .help("Node source writes by outcome since start").labelNames("outcome")
                .callback(callback -> {
                    var status = sources.health().get().nodeSource();
                    callback.call(status.writes(), "written");
                    callback.call(status.conflicts(), "conflict");
                    callback.call(status.failures(), "failed");
                }).register(registry);
    }

    private static Optional<String> waitingGate(ConsumerHealth health) {
        return health.state() == ConsumerState.WAITING ? health.gate() : Optional.empty();
    }

    private void poolGauge(MetricsSources sources, String name, String help, ToLongFunction<FamilyDump> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("consumer", "pool", "family")
                .callback(callback -> {
                    for (ConsumerDetail detail : sources.details().get()) {
                        for (PoolDump pool : detail.pools()) {
                            for (Map.Entry<Family, FamilyDump> family : pool.families().entrySet()) {
                                callback.call(value.applyAsLong(family.getValue()), detail.id(), pool.name().value(),
                                        family.getKey().wireName());
                            }
                        }
                    }
                }).register(registry);
    }

    /**
     * Counts an allocation or release.
     *
     * @param consumer the consumer
     * @param action {@code allocate} or {@code release}
     * @param family the family
     * @param outcome {@code success}, {@code exhausted}, {@code not-ready} or {@code error}
     */
    public void ipamEvent(String consumer, String action, Family family, String outcome) {
        ipamEvents.labelValues(consumer, action, family.wireName(), outcome).inc();
    }

    /**
     * Counts a node writer pass.
     *
     * @param consumer the consumer
     * @param outcome {@code written}, {@code unchanged}, {@code conflict} or {@code failed}
     */
    public void nodeWrite(String consumer, String outcome) {
        nodeWrites.labelValues(consumer, outcome).inc();
    }

    /**
     * Records a REST request.
     *
     * @param method the HTTP method
     * @param route the route pattern
     * @param status the status code
     * @param nanos the duration
     */
    public void restRequest(String method, String route, int status, long nanos) {
        restDuration.labelValues(method, route, Integer.toString(status)).observe(nanos / 1e9);
    }

    /**
     * Returns the registry, for the exporter and tests.
     *
     * @return the registry
     */
    public PrometheusRegistry registry() {
        return registry;
    }
}
