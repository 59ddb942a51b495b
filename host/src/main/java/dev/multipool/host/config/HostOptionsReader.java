package dev.multipool.host.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Turns the given host flags into {@link HostOptions}: parses, fills defaults, checks conflicts. */
final class HostOptionsReader {

    /** Longest unix socket path: {@code sun_path} holds 108 bytes including the terminating NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 107;

    private final Map<String, GivenValue> given;
    private final HostEnvironment env;

    HostOptionsReader(Map<String, GivenValue> given, HostEnvironment env) {
        this.given = given;
        this.env = env;
    }

    /**
     * Builds the host options.
     *
     * @param pluginsDir the plugins directory chosen in the first phase
     * @param config the config file, if any
     * @param help whether help was asked for
     * @param consumerIds the loaded consumers, in load order
     * @param failedPlugins plugins that failed to load; ids in {@code --consumers} may belong to them
     * @param warnings collects what was tolerated
     * @return the options
     */
    HostOptions read(Path pluginsDir, Optional<Path> config, boolean help, List<String> consumerIds,
                     Collection<String> failedPlugins, List<String> warnings) {
        Optional<Path> kubeconfig = optional(HostFlag.K8S_KUBECONFIG_PATH, HostOptionsReader::path);
        boolean standalone = bool(HostFlag.STANDALONE, false);
        boolean ipv4 = bool(HostFlag.ENABLE_IPV4, true);
        boolean ipv6 = bool(HostFlag.ENABLE_IPV6, false);
        if (!ipv4 && !ipv6) {
            throw new UsageException("--enable-ipv4 and --enable-ipv6 are both false: enable at least one address family");
        }
        if (standalone && kubeconfig.isPresent()) {
            throw new UsageException("--standalone conflicts with --k8s-kubeconfig-path: standalone mode does not use Kubernetes");
        }
        return new HostOptions(
                kubeconfig,
                nodeName(),
                standalone,
                optional(HostFlag.STANDALONE_POOLS, HostOptionsReader::path)
                        .orElseGet(() -> HostOptions.defaultStandalonePools(env)),
                optional(HostFlag.SOCKET_PATH, HostOptionsReader::socketPath)
                        .orElseGet(() -> Path.of(HostOptions.DEFAULT_SOCKET_PATH)),
                optional(HostFlag.STATE_DIR, HostOptionsReader::path)
                        .orElseGet(() -> Path.of(HostOptions.DEFAULT_STATE_DIR)),
                pluginsDir,
                ipv4,
                ipv6,
                optional(HostFlag.IPAM_CILIUM_NODE_UPDATE_RATE, Durations::parse)
                        .orElse(HostOptions.DEFAULT_NODE_UPDATE_RATE),
                optional(HostFlag.PROMETHEUS_SERVE_ADDR, HostPort::parse),
                consumers(consumerIds, failedPlugins, warnings),
                config,
                help);
    }

    private String nodeName() {
        Optional<GivenValue> flag = Optional.ofNullable(given.get(HostFlag.K8S_NODE_NAME.flagName()));
        if (flag.isPresent()) {
            return flag.get().parse(HostOptionsReader::nodeName);
        }
        boolean fromVariable = env.variable(HostOptions.NODE_NAME_VARIABLE).filter(v -> !v.isBlank()).isPresent();
        String origin = fromVariable ? "env " + HostOptions.NODE_NAME_VARIABLE : "the host name";
        String name = HostOptions.defaultNodeName(env);
        try {
            return nodeName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid value \"" + name + "\" for --k8s-node-name (default from " + origin + "): "
                    + e.getMessage() + "; set --k8s-node-name");
        }
    }

    private List<String> consumers(List<String> loaded, Collection<String> failedPlugins, List<String> warnings) {
        GivenValue flag = given.get(HostFlag.CONSUMERS.flagName());
        if (flag == null) {
            return loaded;
        }
        Set<String> ids = new LinkedHashSet<>(flag.parse(HostOptionsReader::list));
        for (String id : ids) {
            if (loaded.contains(id)) {
                continue;
            }
            String message = "unknown consumer \"" + id + "\" in --consumers" + flag.where() + ": loaded consumers are "
                    + (loaded.isEmpty() ? "none" : String.join(", ", loaded));
            if (failedPlugins.isEmpty()) {
                throw new UsageException(message);
            }
            warnings.add(message + "; it may belong to a plugin that failed to load: " + String.join(", ", failedPlugins));
        }
        return List.copyOf(ids);
    }

    private boolean bool(HostFlag flag, boolean otherwise) {
        GivenValue value = given.get(flag.flagName());
        return value == null ? otherwise : value.parseBoolean();
    }

    private <T> Optional<T> optional(HostFlag flag, Function<String, T> parser) {
        return Optional.ofNullable(given.get(flag.flagName())).map(value -> value.parse(parser));
    }

    static Path path(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty path");
        }
        return Path.of(text);
    }

    private static Path socketPath(String text) {
        Path path = path(text);
        int bytes = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH_BYTES) {
            throw new IllegalArgumentException("a unix socket path has at most " + MAX_SOCKET_PATH_BYTES
                    + " bytes, this one has " + bytes);
        }
        return path;
    }

    private static String nodeName(String text) {
        return OptionValues.name(text); // a node's name is a Kubernetes object name
    }

    private static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String item = part.trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("empty consumer id; omit --consumers to enable every loaded consumer");
            }
            items.add(item);
        }
        return items;
    }
}
