package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the kit runs a host: built by {@link MultipoolHostBuilder} or read from
 * {@link MultipoolHostTest}.
 *
 * @param pluginJars the plugin jars copied into the host's {@code --plugins-dir}
 * @param standalonePools the text of the {@code --standalone-pools} YAML file
 * @param arguments further command-line arguments, for example consumer options
 * @param nodeName {@code --k8s-node-name}
 * @param nodeUpdateRate {@code --ipam-cilium-node-update-rate}
 * @param refreshInterval the node writers' periodic rewrite
 * @param expirationTimeout how long an address allocated with {@code expiration: true} lives unconfirmed
 * @param gatePollInterval how often the host checks a waiting startup gate
 * @param startTimeout how long {@link TestHost#start()} waits for {@code /v1/healthz} to answer 200
 * @param awaitHealthy whether {@link TestHost#start()} waits for that at all
 * @param requestTimeout the deadline of one REST request
 * @param overrides Guice modules whose bindings replace the host's (host internals: no
 *     compatibility promise)
 */
public record HostSettings(List<Path> pluginJars, String standalonePools, List<String> arguments, String nodeName,
                           Duration nodeUpdateRate, Duration refreshInterval, Duration expirationTimeout,
                           Duration gatePollInterval, Duration startTimeout, boolean awaitHealthy,
                           Duration requestTimeout, List<Module> overrides) {

    /** The node name the kit uses unless told otherwise. */
    public static final String DEFAULT_NODE_NAME = "testkit-node";
    /** The kit's node update rate: short, so tests see node writes quickly. */
    public static final Duration DEFAULT_NODE_UPDATE_RATE = Duration.ofMillis(200);
    /** The kit's gate poll interval. */
    public static final Duration DEFAULT_GATE_POLL = Duration.ofMillis(50);
    /** How long start waits for {@code /v1/healthz} by default. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    /** The default deadline of one REST request. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Validates and copies the parts. */
    public HostSettings {
        pluginJars = List.copyOf(requireNonNull(pluginJars, "pluginJars is null"));
        requireNonNull(standalonePools, "standalonePools is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(nodeName, "nodeName is null");
        positive(nodeUpdateRate, "nodeUpdateRate");
        positive(refreshInterval, "refreshInterval");
        positive(expirationTimeout, "expirationTimeout");
        positive(gatePollInterval, "gatePollInterval");
        positive(startTimeout, "startTimeout");
        positive(requestTimeout, "requestTimeout");
        overrides = List.copyOf(requireNonNull(overrides, "overrides is null"));
    }

    private static void positive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
