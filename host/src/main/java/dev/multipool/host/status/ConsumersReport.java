package dev.multipool.host.status;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The body of {@code GET /v1/consumers}.
 *
 * @param consumers every consumer found in a loaded plugin
 * @param plugins every plugin found in the plugins directory, including failed ones
 */
public record ConsumersReport(List<ConsumerSummary> consumers, List<PluginInfo> plugins) {

    /** Validates and copies the parts. */
    public ConsumersReport {
        consumers = List.copyOf(requireNonNull(consumers, "consumers is null"));
        plugins = List.copyOf(requireNonNull(plugins, "plugins is null"));
    }
}
