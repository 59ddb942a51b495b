package dev.multipool.host.e2e;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import dev.multipool.host.HostLauncher;
import dev.multipool.host.RunningHost;
import dev.multipool.host.config.HostEnvironment;
import dev.multipool.host.consumer.RuntimeSettings;
import dev.multipool.host.testing.PluginJarBuilder;
import dev.multipool.host.testing.UnixSocketHttpClient;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real host, in-process, in standalone mode: test plugins built into a temporary plugins
 * directory, a pool file, short timings bound through an override module, and a client on the
 * unix socket. {@link Builder#start()} returns once {@code /v1/healthz} answers 200 (unless told
 * otherwise) and the pre-allocated pools have their CIDRs.
 */
final class E2eHost implements AutoCloseable {

    /** The node's name. */
    static final String NODE = "e2e-node";

    /** Pools of the tests: pod pools for {@code pod}, resource pools for {@code dra}. */
    static final String POOLS = """
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata: {name: default}
            spec:
              ipv4: {cidrs: ["10.10.0.0/16"], maskSize: 24}
              ipv6: {cidrs: ["fd00:10::/112"], maskSize: 120}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata:
              name: masq
              annotations: {ipam.cilium.io/skip-masquerade: "true"}
            spec:
              ipv4: {cidrs: ["10.11.0.0/16"], maskSize: 24}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata: {name: v6only}
            spec:
              ipv6: {cidrs: ["fd00:12::/112"], maskSize: 120}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata: {name: tiny}
            spec:
              ipv4: {cidrs: ["10.13.0.0/30"], maskSize: 30}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata: {name: small}
            spec:
              ipv4: {cidrs: ["10.14.0.0/27"], maskSize: 28}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumResourceIPPool
            metadata: {name: default}
            spec:
              ipv4: {cidrs: ["10.20.0.0/16"], maskSize: 24}
              ipv6: {cidrs: ["fd00:20::/112"], maskSize: 120}
            """;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    final Path root;
    final Path pluginsDir;
    final Path stateDir;
    final Path socket;
    final Set<Family> families;
    final RunningHost running;
    final UnixSocketHttpClient client;

    private E2eHost(Path root, Set<Family> families, RunningHost running) {
        this.root = root;
        this.pluginsDir = root.resolve("plugins");
        this.stateDir = root.resolve("state");
        this.socket = root.resolve("run/api.sock");
        this.families = families;
        this.running = running;
        this.client = new UnixSocketHttpClient(socket);
    }

    /**
     * Starts describing a host in a directory (a {@code @TempDir}).
     *
     * @param root where plugins, pools, state and the socket go
     * @return the builder
     */
    static Builder in(Path root) {
        return new Builder(root);
    }

    /** Sends a GET. */
    HttpReply get(String target) {
        return send("GET", target, Map.of());
    }

    /** Sends a POST. */
    HttpReply post(String target) {
        return send("POST", target, Map.of());
    }

    /** Sends a DELETE. */
    HttpReply delete(String target) {
        return send("DELETE", target, Map.of());
    }

    /** Sends a request. */
    HttpReply send(String method, String target, Map<String, String> headers) {
        try {
            return client.send(method, target, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    /** Parses a reply body as JSON. */
    static JsonNode json(HttpReply reply) {
        return MAPPER.readTree(reply.bodyText());
    }

    /** Returns {@code GET /v1/consumers/{id}}, which must answer 200. */
    JsonNode detail(String consumer) {
        HttpReply reply = get("/v1/consumers/" + consumer);
        assertThat(reply.status()).as("GET /v1/consumers/%s: %s", consumer, reply.bodyText()).isEqualTo(200);
        return json(reply);
    }

    /** Returns the detail of one family of one pool of a consumer, or a missing node. */
    JsonNode pool(String consumer, String pool, Family family) {
        for (JsonNode node : detail(consumer).get("pools")) {
            if (node.get("name").asString().equals(pool)) {
                return node.path(family.wireName());
            }
        }
        return MAPPER.missingNode();
    }

    /** Returns {@code ip -> owner} of one family of one pool, as the consumer's detail shows it. */
    Map<String, String> allocations(String consumer, String pool, Family family) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode allocations = pool(consumer, pool, family).path("allocations");
        for (String ip : allocations.propertyNames()) {
            result.put(ip, allocations.get(ip).asString());
        }
        return result;
    }

    /** Returns the delegated CIDRs of one family of one pool. */
    List<String> cidrs(String consumer, String pool, Family family) {
        List<String> result = new ArrayList<>();
        pool(consumer, pool, family).path("cidrs").forEach(cidr -> result.add(cidr.asString()));
        return result;
    }

    /** Waits until the embedded operator delegated a CIDR of the family to the consumer's pool. */
    void awaitCidr(String consumer, String pool, Family family) {
        await("a " + family + " CIDR of pool " + pool + " for " + consumer).atMost(Duration.ofSeconds(10))
                .until(() -> !cidrs(consumer, pool, family).isEmpty());
    }

    /**
     * Waits until the node document's {@code requested} list of a consumer's section carries the
     * demand the consumer's detail shows (the node writer debounces, so it trails allocations).
     */
    void awaitDemandPublished(String consumer, String section) {
        await("demand of " + consumer + " published in spec.ipam." + section).atMost(Duration.ofSeconds(10))
                .until(() -> publishedDemand(section).equals(detailDemand(consumer)));
    }

    private Map<String, Long> detailDemand(String consumer) {
        Map<String, Long> demand = new TreeMap<>();
        for (JsonNode pool : detail(consumer).get("pools")) {
            for (Family family : families) {
                long needed = pool.path(family.wireName()).path("demand").asLong();
                if (needed > 0) {
                    demand.put(pool.get("name").asString() + "/" + family.wireName(), needed);
                }
            }
        }
        return demand;
    }

    private Map<String, Long> publishedDemand(String section) {
        Map<String, Long> demand = new TreeMap<>();
        for (JsonNode entry : nodeDocument().path("spec").path("ipam").path(section).path("requested")) {
            for (Family family : families) {
                long needed = entry.path("needed").path(family.wireName() + "-addrs").asLong();
                if (needed > 0) {
                    demand.put(entry.get("pool").asString() + "/" + family.wireName(), needed);
                }
            }
        }
        return demand;
    }

    /** Reads the standalone node document ({@code <state>/standalone/ciliumnode.json}). */
    JsonNode nodeDocument() {
        try {
            return MAPPER.readTree(Files.readString(stateDir.resolve("standalone/ciliumnode.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running.close();
    }

    /** Describes a host to start. */
    static final class Builder {
        private final Path root;
        private final List<PluginJarBuilder> plugins = new ArrayList<>(List.of(E2ePlugins.POD, E2ePlugins.DRA));
        private final List<Consumer<Path>> pluginFiles = new ArrayList<>();
        private final List<String> flags = new ArrayList<>();
        private String pools = POOLS;
        private Set<Family> families = EnumSet.of(Family.IPV4);
        private Duration expiration = RuntimeSettings.DEFAULT_EXPIRATION;
        private boolean awaitHealthy = true;
        private final Map<String, List<Family>> cidrsToAwait = new LinkedHashMap<>(Map.of("pod", List.of()));

        private Builder(Path root) {
            this.root = requireNonNull(root, "root is null");
        }

        /** Replaces the plugins (default: {@code pod} and {@code dra}). */
        Builder plugins(PluginJarBuilder... builders) {
            plugins.clear();
            plugins.addAll(List.of(builders));
            if (!plugins.contains(E2ePlugins.POD)) {
                cidrsToAwait.remove("pod");
            }
            return this;
        }

        /** Adds a file written into the plugins directory by hand (a corrupt jar, ...). */
        Builder pluginFile(Consumer<Path> writer) {
            pluginFiles.add(writer);
            return this;
        }

        /** Enables IPv6 as well as IPv4. */
        Builder dualStack() {
            families = EnumSet.of(Family.IPV4, Family.IPV6);
            return this;
        }

        /** Adds command-line flags. */
        Builder flags(String... more) {
            flags.addAll(List.of(more));
            return this;
        }

        /** Replaces the pool file's content. */
        Builder pools(String yaml) {
            pools = yaml;
            return this;
        }

        /** Sets the life of unconfirmed addresses (spec A5.7; 10 minutes by default). */
        Builder expiration(Duration timeout) {
            expiration = timeout;
            return this;
        }

        /** Returns from {@link #start()} at once, without waiting for health or CIDRs. */
        Builder noWait() {
            awaitHealthy = false;
            return this;
        }

        /** Also waits for the {@code default} pool's CIDRs of another consumer. */
        Builder awaitCidrsOf(String consumer) {
            cidrsToAwait.put(consumer, List.of());
            return this;
        }

        /** Returns the command line this builder launches with. */
        List<String> arguments() {
            List<String> args = new ArrayList<>(List.of("--standalone",
                    "--standalone-pools", root.resolve("pools.yaml").toString(),
                    "--state-dir", root.resolve("state").toString(),
                    "--socket-path", root.resolve("run/api.sock").toString(),
                    "--plugins-dir", root.resolve("plugins").toString(),
                    "--k8s-node-name", NODE,
                    "--ipam-cilium-node-update-rate", "100ms"));
            if (families.contains(Family.IPV6)) {
                args.add("--enable-ipv6");
            }
            args.addAll(flags);
            return args;
        }

        /** Writes the plugins and the pool file (what {@link #start()} does before launching). */
        Builder prepare() {
            try {
                Path pluginsDir = Files.createDirectories(root.resolve("plugins"));
                E2ePlugins.compileAll();
                plugins.forEach(plugin -> plugin.buildInto(pluginsDir));
                pluginFiles.forEach(writer -> writer.accept(pluginsDir));
                Files.writeString(root.resolve("pools.yaml"), pools);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** The override that shortens the host's timings. */
        Module timings() {
            RuntimeSettings settings = new RuntimeSettings(NODE, HostMode.STANDALONE, families, Clock.systemUTC(),
                    Duration.ofMillis(100), Duration.ofMillis(500), expiration, Duration.ofMillis(20));
            return binder -> binder.bind(RuntimeSettings.class).toInstance(settings);
        }

        /** The environment the host computes flag defaults from. */
        HostEnvironment environment() {
            return HostEnvironment.fixed(Map.of(), Map.of(), "e2e-machine", root);
        }

        /** Prepares and launches the host, then waits as configured. */
        E2eHost start() {
            prepare();
            HostLauncher.Outcome outcome = HostLauncher.launch(arguments(), environment(), timings());
            if (!(outcome instanceof HostLauncher.Started started)) {
                throw new IllegalStateException("the host printed help instead of starting: " + outcome);
            }
            E2eHost host = new E2eHost(root, families, started.host());
            try {
                if (awaitHealthy) {
                    await("GET /v1/healthz 200").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                            .until(() -> host.get("/v1/healthz").status() == 200);
                    for (String consumer : cidrsToAwait.keySet()) {
                        for (Family family : families) {
                            host.awaitCidr(consumer, "default", family);
                        }
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                host.close();
                throw e;
            }
            return host;
        }
    }
}
