package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host's flags after parsing (ARCHITECTURE.md 5.1), defaults filled in. Built by
 * {@link BootstrapOptions#complete}.
 *
 * @param kubeconfigPath {@code --k8s-kubeconfig-path}; empty for standard discovery
 * @param nodeName {@code --k8s-node-name}; default env {@code K8S_NODE_NAME}, else the host name
 * @param standalone {@code --standalone}; default false
 * @param standalonePools {@code --standalone-pools}; default {@code <install>/conf/pools.yaml}
 * @param socketPath {@code --socket-path}; default {@value #DEFAULT_SOCKET_PATH}
 * @param stateDir {@code --state-dir}; default {@value #DEFAULT_STATE_DIR}
 * @param pluginsDir {@code --plugins-dir}; default {@code <install>/plugins}
 * @param enableIpv4 {@code --enable-ipv4}; default true
 * @param enableIpv6 {@code --enable-ipv6}; default false
 * @param nodeUpdateRate {@code --ipam-cilium-node-update-rate}; default 15s
 * @param prometheusServeAddr {@code --prometheus-serve-addr}; empty when metrics are off (the default)
 * @param consumers {@code --consumers}: the ids of the enabled consumers; every loaded consumer by default
 * @param config {@code --config}: the file the options were read from, if any
 * @param help {@code --help}
 */
public record HostOptions(
        Optional<Path> kubeconfigPath,
        String nodeName,
        boolean standalone,
        Path standalonePools,
        Path socketPath,
        Path stateDir,
        Path pluginsDir,
        boolean enableIpv4,
        boolean enableIpv6,
        Duration nodeUpdateRate,
        Optional<HostPort> prometheusServeAddr,
        List<String> consumers,
        Optional<Path> config,
        boolean help) {

    /** Default of {@code --socket-path}. */
    public static final String DEFAULT_SOCKET_PATH = "/var/run/multipool/multipool.sock";
    /** Default of {@code --state-dir}. */
    public static final String DEFAULT_STATE_DIR = "/var/lib/multipool";
    /** Default of {@code --ipam-cilium-node-update-rate}. */
    public static final Duration DEFAULT_NODE_UPDATE_RATE = Duration.ofSeconds(15);
    /** The environment variable that names the node (set from the downward API in the DaemonSet). */
    public static final String NODE_NAME_VARIABLE = "K8S_NODE_NAME";

    /** Validates the parts; option-level errors are reported earlier, by the parser. */
    public HostOptions {
        requireNonNull(kubeconfigPath, "kubeconfigPath is null");
        requireNonNull(nodeName, "nodeName is null");
        requireNonNull(standalonePools, "standalonePools is null");
        requireNonNull(socketPath, "socketPath is null");
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(pluginsDir, "pluginsDir is null");
        requireNonNull(nodeUpdateRate, "nodeUpdateRate is null");
        requireNonNull(prometheusServeAddr, "prometheusServeAddr is null");
        requireNonNull(config, "config is null");
        consumers = List.copyOf(requireNonNull(consumers, "consumers is null"));
        if (!enableIpv4 && !enableIpv6) {
            throw new IllegalArgumentException("at least one address family must be enabled");
        }
        if (standalone && kubeconfigPath.isPresent()) {
            throw new IllegalArgumentException("standalone mode does not use a kubeconfig");
        }
        if (nodeUpdateRate.isNegative() || nodeUpdateRate.isZero()) {
            throw new IllegalArgumentException("nodeUpdateRate must be positive");
        }
    }

    /**
     * Returns the enabled address families.
     *
     * @return one or both families
     */
    public Set<Family> enabledFamilies() {
        Set<Family> families = EnumSet.noneOf(Family.class);
        if (enableIpv4) {
            families.add(Family.IPV4);
        }
        if (enableIpv6) {
            families.add(Family.IPV6);
        }
        return Set.copyOf(families);
    }

    /**
     * Returns where the node resource and pools come from.
     *
     * @return standalone or Kubernetes
     */
    public HostMode mode() {
        return standalone ? HostMode.STANDALONE : HostMode.KUBERNETES;
    }

    /**
     * Returns whether {@code --consumers} enables a consumer.
     *
     * @param consumerId the consumer id
     * @return true if enabled
     */
    public boolean consumerEnabled(String consumerId) {
        return consumers.contains(consumerId);
    }

    /**
     * Returns the default of {@code --standalone-pools}.
     *
     * @param env the environment
     * @return {@code <install>/conf/pools.yaml}
     */
    public static Path defaultStandalonePools(HostEnvironment env) {
        return env.installDirectory().resolve("conf").resolve("pools.yaml");
    }

    /**
     * Returns the default of {@code --k8s-node-name}: env {@value #NODE_NAME_VARIABLE}, else the host
     * name in lower case (as the kubelet names nodes).
     *
     * @param env the environment
     * @return the name, not yet validated
     */
    public static String defaultNodeName(HostEnvironment env) {
        return env.variable(NODE_NAME_VARIABLE).map(String::trim).filter(v -> !v.isEmpty())
                .orElseGet(() -> env.hostName().trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Returns the default of {@code --plugins-dir}.
     *
     * @param env the environment
     * @return {@code <install>/plugins}
     */
    public static Path defaultPluginsDir(HostEnvironment env) {
        return env.installDirectory().resolve("plugins");
    }
}
