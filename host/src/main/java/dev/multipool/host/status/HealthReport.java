package dev.multipool.host.status;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.node.NodeSourceStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /v1/healthz}.
 *
 * @param nodeSource the node source's health
 * @param consumers every enabled consumer by id
 * @param failedPlugins the plugins of the plugins directory that failed to load or start (a broken
 *     plugin degrades the host without stopping it)
 */
public record HealthReport(NodeSourceStatus nodeSource, Map<String, ConsumerHealth> consumers,
                           List<PluginInfo> failedPlugins) {

    /** Validates and copies the parts. */
    public HealthReport {
        requireNonNull(nodeSource, "nodeSource is null");
        consumers = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(consumers, "consumers is null")));
        failedPlugins = List.copyOf(requireNonNull(failedPlugins, "failedPlugins is null"));
    }

    /**
     * Creates a report of a host whose plugins all loaded.
     *
     * @param nodeSource the node source's health
     * @param consumers every enabled consumer by id
     */
    public HealthReport(NodeSourceStatus nodeSource, Map<String, ConsumerHealth> consumers) {
        this(nodeSource, consumers, List.of());
    }

    /**
     * Returns the overall state: {@code starting} while any consumer is starting or waiting,
     * {@code degraded} when all others are ready and some consumer or plugin failed, {@code ok}
     * when all are ready and every plugin loaded.
     *
     * @return the state's wire name
     */
    public String state() {
        boolean failed = !failedPlugins.isEmpty();
        for (ConsumerHealth health : consumers.values()) {
            if (health.state() == ConsumerState.STARTING || health.state() == ConsumerState.WAITING) {
                return "starting";
            }
            failed |= health.state() == ConsumerState.FAILED;
        }
        return failed ? "degraded" : "ok";
    }

    /**
     * Returns the HTTP status for the report: 503 while starting, otherwise 200.
     *
     * @return 200 or 503
     */
    public int httpStatus() {
        return "starting".equals(state()) ? 503 : 200;
    }
}
