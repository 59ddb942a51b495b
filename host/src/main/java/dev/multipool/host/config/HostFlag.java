package dev.multipool.host.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * The host's own flags (ARCHITECTURE.md 5.1, Cilium's names where Cilium has the option). Each is
 * given as {@code --name VALUE} or {@code --name=VALUE} on the command line, or as {@code name: VALUE}
 * in the {@code --config} file; booleans also as a bare {@code --name}.
 */
public enum HostFlag {
    /** The Kubernetes client configuration. */
    K8S_KUBECONFIG_PATH("k8s-kubeconfig-path", "PATH", "kubeconfig file for the Kubernetes API",
            env -> "standard discovery: KUBECONFIG, ~/.kube/config, in-cluster"),
    /** The own node's name. */
    K8S_NODE_NAME("k8s-node-name", "NAME", "name of this node and of its CiliumNode",
            env -> "env K8S_NODE_NAME, else the host name"),
    /** Standalone mode. */
    STANDALONE("standalone", null, "run without Kubernetes: embedded node store and operator", env -> "false"),
    /** Pool objects for standalone mode. */
    STANDALONE_POOLS("standalone-pools", "FILE", "CiliumPodIPPool / CiliumResourceIPPool objects for standalone mode",
            env -> HostOptions.defaultStandalonePools(env).toString()),
    /** The REST API socket. */
    SOCKET_PATH("socket-path", "PATH", "unix socket of the REST API (created with mode 0660)",
            env -> HostOptions.DEFAULT_SOCKET_PATH),
    /** Allocation records and the standalone store. */
    STATE_DIR("state-dir", "PATH", "allocation records and the standalone node store",
            env -> HostOptions.DEFAULT_STATE_DIR),
    /** Drop-in plugin jars. */
    PLUGINS_DIR("plugins-dir", "PATH", "directory of consumer plugins (jar, zip or directory)",
            env -> HostOptions.defaultPluginsDir(env).toString()),
    /** IPv4. */
    ENABLE_IPV4("enable-ipv4", null, "allocate IPv4 addresses", env -> "true"),
    /** IPv6. */
    ENABLE_IPV6("enable-ipv6", null, "allocate IPv6 addresses", env -> "false"),
    /** Debounce of node writes. */
    IPAM_CILIUM_NODE_UPDATE_RATE("ipam-cilium-node-update-rate", "DURATION",
            "least time between two writes of the CiliumNode (e.g. 500ms, 15s, 1h30m)",
            env -> Durations.format(HostOptions.DEFAULT_NODE_UPDATE_RATE)),
    /** Prometheus metrics. */
    PROMETHEUS_SERVE_ADDR("prometheus-serve-addr", "HOST:PORT", "serve Prometheus metrics here (e.g. 127.0.0.1:9962)",
            env -> "off"),
    /** Enabled consumers. */
    CONSUMERS("consumers", "LIST", "comma-separated ids of the consumers to enable", env -> "all loaded"),
    /** The config file. */
    CONFIG("config", "FILE", "YAML file with any of these options (keys without the leading --); "
            + "the command line wins", env -> "none"),
    /** Help. */
    HELP("help", null, "print this help and exit", env -> "false");

    private final String flagName;
    private final String placeholder;
    private final String help;
    private final Function<HostEnvironment, String> defaultText;

    HostFlag(String flagName, String placeholder, String help, Function<HostEnvironment, String> defaultText) {
        this.flagName = flagName;
        this.placeholder = placeholder;
        this.help = help;
        this.defaultText = defaultText;
    }

    /**
     * Returns the name without dashes.
     *
     * @return for example {@code socket-path}
     */
    public String flagName() {
        return flagName;
    }

    /**
     * Returns whether the flag is a boolean (a bare {@code --name} means true).
     *
     * @return true for booleans
     */
    public boolean isBoolean() {
        return placeholder == null;
    }

    /**
     * Returns the value placeholder shown in help.
     *
     * @return for example {@code PATH}; empty for booleans
     */
    public Optional<String> placeholder() {
        return Optional.ofNullable(placeholder);
    }

    /**
     * Returns the help line.
     *
     * @return the help
     */
    public String help() {
        return help;
    }

    /**
     * Describes the default for help output.
     *
     * @param env the environment the defaults come from
     * @return the default, in words or as a value
     */
    public String defaultText(HostEnvironment env) {
        return defaultText.apply(env);
    }

    /**
     * Returns the flag with this name.
     *
     * @param name the name without dashes
     * @return the flag, if the host has it
     */
    public static Optional<HostFlag> byName(String name) {
        for (HostFlag flag : values()) {
            if (flag.flagName.equals(name)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns {@code --name}.
     *
     * @return the flag as typed
     */
    @Override
    public String toString() {
        return "--" + flagName;
    }
}
