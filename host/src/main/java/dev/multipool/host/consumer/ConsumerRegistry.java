package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.node.NodeSource;
import dev.multipool.host.plugin.LoadedConsumer;
import dev.multipool.host.status.ConsumerDetail;
import dev.multipool.host.status.ConsumerHealth;
import dev.multipool.host.status.ConsumerState;
import dev.multipool.host.status.ConsumerSummary;
import dev.multipool.host.status.ConsumersReport;
import dev.multipool.host.status.HealthReport;
import dev.multipool.host.status.PluginInfo;
import dev.multipool.host.status.PluginState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The host's {@link ConsumerDirectory}: every loaded consumer, the running ones, and the plugins. */
public final class ConsumerRegistry implements ConsumerDirectory {

    /** The consumer {@code /v1/ipam} addresses when it is enabled. */
    public static final String DEFAULT_CONSUMER = "pod";

    private final Map<String, ConsumerRuntime> running = new LinkedHashMap<>();
    private final List<LoadedConsumer> loaded;
    private final List<PluginInfo> plugins;
    private final NodeSource nodeSource;

    /**
     * Creates the registry.
     *
     * @param runtimes the enabled consumers
     * @param loaded every consumer found in a loaded plugin, enabled or not
     * @param plugins every plugin found in the plugins directory
     * @param nodeSource the node source, for health
     */
    public ConsumerRegistry(List<ConsumerRuntime> runtimes, List<LoadedConsumer> loaded, List<PluginInfo> plugins,
                            NodeSource nodeSource) {
        runtimes.forEach(runtime -> running.put(runtime.id(), runtime));
        this.loaded = List.copyOf(requireNonNull(loaded, "loaded is null"));
        this.plugins = List.copyOf(requireNonNull(plugins, "plugins is null"));
        this.nodeSource = requireNonNull(nodeSource, "nodeSource is null");
    }

    @Override
    public Optional<String> defaultConsumerId() {
        if (running.containsKey(DEFAULT_CONSUMER)) {
            return Optional.of(DEFAULT_CONSUMER);
        }
        return running.size() == 1 ? Optional.of(running.keySet().iterator().next()) : Optional.empty();
    }

    @Override
    public IpamService ipam(String consumerId) {
        ConsumerRuntime runtime = running.get(consumerId);
        if (runtime == null) {
            throw ConsumerUnavailableException.unknown(consumerId);
        }
        return runtime.readyService();
    }

    @Override
    public HealthReport health() {
        Map<String, ConsumerHealth> consumers = new LinkedHashMap<>();
        running.forEach((id, runtime) -> consumers.put(id, runtime.health()));
        List<PluginInfo> failed = plugins.stream().filter(plugin -> plugin.state() == PluginState.FAILED).toList();
        return new HealthReport(nodeSource.status(), consumers, failed);
    }

    @Override
    public ConsumersReport consumers() {
        List<ConsumerSummary> summaries = new ArrayList<>();
        for (LoadedConsumer consumer : loaded) {
            String id = consumer.id();
            String description = consumer.description();
            ConsumerRuntime runtime = running.get(id);
            if (runtime == null) {
                summaries.add(new ConsumerSummary(id, description, consumer.plugin(), false, ConsumerState.DISABLED,
                        Optional.of("not enabled by --consumers")));
            } else {
                ConsumerHealth health = runtime.health();
                summaries.add(new ConsumerSummary(id, description, consumer.plugin(), true, health.state(),
                        health.reason()));
            }
        }
        return new ConsumersReport(summaries, plugins);
    }

    @Override
    public Optional<ConsumerDetail> detail(String consumerId) {
        return Optional.ofNullable(running.get(consumerId)).map(ConsumerRuntime::detail);
    }

    /**
     * Returns the detail of every enabled consumer, for metrics.
     *
     * @return the details
     */
    public List<ConsumerDetail> details() {
        return running.values().stream().map(ConsumerRuntime::detail).toList();
    }
}
