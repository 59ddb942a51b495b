package dev.multipool.host;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.config.Configuration;
import dev.multipool.host.config.HostOptions;
import dev.multipool.host.consumer.ConsumerRegistry;
import dev.multipool.host.consumer.ConsumerRuntime;
import dev.multipool.host.consumer.ConsumerSections;
import dev.multipool.host.consumer.HostServices;
import dev.multipool.host.consumer.NodeFanout;
import dev.multipool.host.consumer.RuntimeSettings;
import dev.multipool.host.metrics.HostMetrics;
import dev.multipool.host.metrics.MetricsSources;
import dev.multipool.host.node.NodeSource;
import dev.multipool.host.node.standalone.EmbeddedOperator;
import dev.multipool.host.plugin.LoadedConsumer;
import dev.multipool.host.plugin.PluginLoadResult;
import dev.multipool.host.pools.PoolCatalogs;
import dev.multipool.host.rest.RestServer;
import dev.multipool.host.state.AllocationJournal;
import dev.multipool.host.state.AllocationRecord;
import dev.multipool.host.state.JournalContents;
import dev.multipool.host.state.JournalException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running host: the journal, the node source, one runtime per enabled consumer, the REST API
 * and the metrics endpoint, started in that order and stopped in reverse.
 */
public final class MultipoolHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MultipoolHost.class);

    private final Configuration configuration;
    private final PluginLoadResult plugins;
    private final Map<String, LoadedConsumer> consumers;
    private final RuntimeSettings settings;
    private final NodeSource nodeSource;
    private final PoolCatalogs catalogs;
    private final ConsumerSections sections;
    private final PluginServices pluginServices;
    private final AllocationJournal journal;
    private final Optional<EmbeddedOperator> operator;
    private final Optional<KubernetesClient> kubernetesClient;
    private final List<ConsumerRuntime> runtimes = new ArrayList<>();
    private ConsumerRegistry registry;
    private HostMetrics metrics;
    private RestServer rest;
    private HTTPServer metricsServer;

    @Inject
    MultipoolHost(Configuration configuration, PluginLoadResult plugins, Map<String, LoadedConsumer> consumers,
                  RuntimeSettings settings, NodeSource nodeSource, PoolCatalogs catalogs, ConsumerSections sections,
                  PluginServices pluginServices, AllocationJournal journal, Optional<EmbeddedOperator> operator,
                  Optional<KubernetesClient> kubernetesClient) {
        this.configuration = requireNonNull(configuration, "configuration is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.consumers = new LinkedHashMap<>(requireNonNull(consumers, "consumers is null"));
        this.settings = requireNonNull(settings, "settings is null");
        this.nodeSource = requireNonNull(nodeSource, "nodeSource is null");
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.sections = requireNonNull(sections, "sections is null");
        this.pluginServices = requireNonNull(pluginServices, "pluginServices is null");
        this.journal = requireNonNull(journal, "journal is null");
        this.operator = requireNonNull(operator, "operator is null");
        this.kubernetesClient = requireNonNull(kubernetesClient, "kubernetesClient is null");
    }

    /**
     * Starts everything; returns once the REST API listens (consumers keep starting in the
     * background; {@code /v1/healthz} shows their progress).
     *
     * @throws HostStartException if the state cannot be read safely or the socket cannot be bound
     */
    public synchronized void start() {
        HostOptions options = configuration.host();
        configuration.warnings().forEach(warning -> log.warn("configuration: {}", warning));
        JournalContents stored = openJournal();
        Map<String, List<AllocationRecord>> records = byConsumer(stored);
        metrics = new HostMetrics(new MetricsSources(() -> registry.health(), () -> registry.consumers(),
                () -> registry.details()));
        HostServices services = new HostServices(nodeSource, journal, metrics, catalogs, sections,
                pluginServices.services());
        NodeFanout fanout = new NodeFanout();
        for (LoadedConsumer consumer : consumers.values()) {
            ConsumerRuntime runtime = new ConsumerRuntime(consumer, configuration.options(consumer.id()), settings,
                    services, records.getOrDefault(consumer.id(), List.of()));
            stored.problems().forEach(problem -> runtime.warn("allocation state: " + problem));
            runtimes.add(runtime);
            fanout.add(runtime);
        }
        registry = new ConsumerRegistry(runtimes, plugins.consumers(), plugins.plugins(consumers.keySet()), nodeSource);
        operator.ifPresent(EmbeddedOperator::start);
        nodeSource.start(fanout);
        runtimes.forEach(ConsumerRuntime::start);
        rest = new RestServer(options.socketPath(), registry, metrics::restRequest);
        try {
            rest.start();
        } catch (IOException | RuntimeException e) {
            throw new HostStartException("cannot serve the REST API on " + options.socketPath() + ": " + e.getMessage(), e);
        }
        if (options.prometheusServeAddr().isPresent()) {
            var address = options.prometheusServeAddr().get();
            try {
                metricsServer = HTTPServer.builder().hostname(address.host()).port(address.port())
                        .registry(metrics.registry()).buildAndStart();
            } catch (IOException e) {
                throw new HostStartException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
            }
        }
        log.info("multipool host serving on {} ({} mode, node {}, consumers {})", options.socketPath(),
                settings.mode().name().toLowerCase(java.util.Locale.ROOT), settings.nodeName(), consumers.keySet());
    }

    /**
     * Reads the stored allocations. Problems that were safe to skip (a torn last record) are
     * logged here and shown in every consumer's warnings; damage that could lead to a double
     * allocation stops the start.
     */
    private JournalContents openJournal() {
        JournalContents contents;
        try {
            contents = journal.open();
        } catch (JournalException e) {
            throw new HostStartException(e.getMessage(), e);
        }
        contents.problems().forEach(problem -> log.warn("allocation state: {}", problem));
        return contents;
    }

    private Map<String, List<AllocationRecord>> byConsumer(JournalContents contents) {
        Map<String, List<AllocationRecord>> byConsumer = new LinkedHashMap<>();
        for (AllocationRecord record : contents.records()) {
            byConsumer.computeIfAbsent(record.consumer(), id -> new ArrayList<>()).add(record);
        }
        byConsumer.forEach((id, list) -> {
            if (!consumers.containsKey(id)) {
                log.warn("{} stored allocation(s) of consumer {} are kept but not restored: the consumer is not enabled",
                        list.size(), id);
            }
        });
        return byConsumer;
    }

    /**
     * Returns the consumer registry (the REST API's view), for tests and tools.
     *
     * @return the registry
     */
    public synchronized ConsumerRegistry registry() {
        return registry;
    }

    /**
     * Returns the metrics.
     *
     * @return the metrics
     */
    public synchronized HostMetrics metrics() {
        return metrics;
    }

    /**
     * Returns the node source.
     *
     * @return the node source
     */
    public NodeSource nodeSource() {
        return nodeSource;
    }

    @Override
    public synchronized void close() {
        closeQuietly("REST API", rest);
        if (metricsServer != null) {
            metricsServer.close();
        }
        List<ConsumerRuntime> reversed = new ArrayList<>(runtimes);
        Collections.reverse(reversed);
        reversed.forEach(runtime -> closeQuietly("consumer " + runtime.id(), runtime));
        operator.ifPresent(embedded -> closeQuietly("embedded operator", embedded));
        closeQuietly("node source", nodeSource);
        closeQuietly("pool catalogs", catalogs);
        closeQuietly("journal", journal);
        kubernetesClient.ifPresent(client -> closeQuietly("kubernetes client", client));
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("stopping {} failed", what, e);
        }
    }
}
