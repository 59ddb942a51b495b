package dev.multipool.host.restore;

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
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A host started in-process in standalone mode with one test consumer ({@value #CONSUMER}, built
 * at test time as a real pf4j plugin jar), its state directory, and a REST client on its socket.
 * Restarting keeps the state directory, as a restart of the real process does.
 */
final class StandaloneHost implements AutoCloseable {

    /** The test consumer's id. */
    static final String CONSUMER = "keeper";
    /** Its one pool: a /26 carved into two /27 blocks for IPv4, a /120 into two /121 for IPv6. */
    static final String POOL = "default";

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final PluginJarBuilder PLUGIN = PluginJarBuilder.plugin("keeper-plugin")
            .source("t.keeper.Keeper", "package t.keeper;\n"
                    + "import dev.multipool.api.*;\n"
                    + "import java.util.List;\n"
                    + "import java.util.Map;\n"
                    + "@org.pf4j.Extension\n"
                    + "public class Keeper implements IpamConsumer {\n"
                    + "  @Override public String id() { return \"" + CONSUMER + "\"; }\n"
                    + "  @Override public String description() { return \"restore test consumer\"; }\n"
                    + "  @Override public List<OptionSpec> options() { return List.of(); }\n"
                    + "  @Override public ConsumerDefinition define(ConsumerContext context) {\n"
                    + "    return ConsumerDefinition.builder(PoolSectionAccessor.atPath(\"spec\", \"ipam\", \"pools\"),\n"
                    + "        PoolKind.CILIUM_POD_IP_POOL).preAllocation(Map.of(PoolName.of(\"" + POOL + "\"), 4)).build();\n"
                    + "  }\n"
                    + "}\n");

    private static final String POOLS = """
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata:
              name: default
            spec:
              ipv4:
                cidrs: ["10.20.0.0/26"]
                maskSize: 27
              ipv6:
                cidrs: ["fd00:20::/120"]
                maskSize: 121
            """;

    private final Path root;
    private final Path socket;
    private Duration expiration = RuntimeSettings.DEFAULT_EXPIRATION;
    private Clock clock = Clock.systemUTC();
    private boolean ipv6;
    private RunningHost running;

    StandaloneHost(Path root) {
        this.root = root;
        this.socket = root.resolve("api.sock");
        try {
            Files.createDirectories(root.resolve("plugins"));
            Files.writeString(root.resolve("pools.yaml"), POOLS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PLUGIN.buildInto(root.resolve("plugins"));
    }

    /** Sets how long unconfirmed addresses live (spec A5.7), for the next start. */
    StandaloneHost expiration(Duration timeout) {
        this.expiration = timeout;
        return this;
    }

    /** Sets the clock of the next start. */
    StandaloneHost clock(Clock value) {
        this.clock = value;
        return this;
    }

    /** Enables IPv6 (besides IPv4) from the next start on. */
    StandaloneHost ipv6(boolean enabled) {
        this.ipv6 = enabled;
        return this;
    }

    Path stateDir() {
        return root.resolve("state");
    }

    Path socket() {
        return socket;
    }

    Path journalDir() {
        return stateDir().resolve("allocations");
    }

    Path nodeFile() {
        return stateDir().resolve("standalone").resolve("ciliumnode.json");
    }

    /** Starts the host (throws what the launcher throws) and waits until the consumer is ready. */
    StandaloneHost start() {
        launch();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/v1/healthz").status() == 200);
        return this;
    }

    /** Starts the host and returns at once (the launcher's exceptions propagate). */
    void launch() {
        List<String> args = new ArrayList<>(List.of("--standalone", "--standalone-pools",
                root.resolve("pools.yaml").toString(), "--state-dir", stateDir().toString(), "--socket-path",
                socket.toString(), "--plugins-dir", root.resolve("plugins").toString(), "--k8s-node-name", "node-1",
                "--ipam-cilium-node-update-rate", "20ms"));
        if (ipv6) {
            args.add("--enable-ipv6");
        }
        Set<Family> families = ipv6 ? EnumSet.of(Family.IPV4, Family.IPV6) : EnumSet.of(Family.IPV4);
        RuntimeSettings settings = new RuntimeSettings("node-1", HostMode.STANDALONE, families, clock,
                Duration.ofMillis(20), RuntimeSettings.DEFAULT_REFRESH, expiration, Duration.ofMillis(20));
        Module override = binder -> binder.bind(RuntimeSettings.class).toInstance(settings);
        HostLauncher.Outcome outcome = HostLauncher.launch(args,
                HostEnvironment.fixed(Map.of(), Map.of(), "test-host", root), override);
        running = ((HostLauncher.Started) outcome).host();
    }

    /** The running host. */
    RunningHost running() {
        return running;
    }

    /**
     * The value of a gauge for this consumer, read from the host's metrics registry.
     *
     * @param name the metric name
     * @return the value, or NaN when the gauge has no point for the consumer
     */
    double gauge(String name) {
        for (MetricSnapshot snapshot : running.host().metrics().registry().scrape()) {
            if (snapshot.getMetadata().getName().equals(name)) {
                for (DataPointSnapshot point : snapshot.getDataPoints()) {
                    if (CONSUMER.equals(point.getLabels().get("consumer"))) {
                        return ((GaugeSnapshot.GaugeDataPointSnapshot) point).getValue();
                    }
                }
            }
        }
        return Double.NaN;
    }

    /** Stops the host the way SIGTERM does; the state directory stays. */
    void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    HttpReply get(String target) throws IOException {
        return new UnixSocketHttpClient(socket).get(target);
    }

    HttpReply post(String target) throws IOException {
        return new UnixSocketHttpClient(socket).post(target);
    }

    HttpReply send(String method, String target, Map<String, String> headers) throws IOException {
        return new UnixSocketHttpClient(socket).send(method, target, headers);
    }

    /** The next IPv4 address for an owner; waits while the pool has no CIDR yet (502). */
    Allocation allocate(String owner) throws IOException {
        return allocate(owner, Family.IPV4, false);
    }

    /** The next address of a family for an owner, with or without an expiration timer. */
    Allocation allocate(String owner, Family family, boolean expiration) throws IOException {
        String target = "/v1/consumers/" + CONSUMER + "/ipam?family=" + family.wireName() + "&pool=" + POOL
                + "&owner=" + owner;
        Map<String, String> headers = expiration ? Map.of("expiration", "true") : Map.of();
        HttpReply[] reply = new HttpReply[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            reply[0] = send("POST", target, headers);
            return reply[0].status() != 502;
        });
        assertThat(reply[0].status()).as("allocation for %s: %s", owner, reply[0].bodyText()).isEqualTo(201);
        JsonNode part = JSON.readTree(reply[0].bodyText()).get(family.wireName());
        return new Allocation(owner, part.get("ip").asString(),
                part.has("expiration-uuid") ? part.get("expiration-uuid").asString() : null);
    }

    /** The body of {@code /v1/consumers/{id}}. */
    JsonNode detail() throws IOException {
        HttpReply reply = get("/v1/consumers/" + CONSUMER);
        assertThat(reply.status()).as(reply.bodyText()).isEqualTo(200);
        return JSON.readTree(reply.bodyText());
    }

    /** The consumer's allocations of a family: address to owner (deferred restores not included). */
    Map<String, String> allocations(Family family) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode pool : detail().get("pools")) {
            JsonNode part = pool.get(family.wireName());
            if (part != null) {
                part.get("allocations").properties().forEach(e -> result.put(e.getKey(), e.getValue().asString()));
            }
        }
        return result;
    }

    /** The CIDRs of the pool in {@code allocated} of the stored node document. */
    List<String> allocatedInNodeFile() throws IOException {
        List<String> cidrs = new ArrayList<>();
        JsonNode pools = JSON.readTree(nodeFile().toFile()).at("/spec/ipam/pools/allocated");
        for (JsonNode pool : pools) {
            if (POOL.equals(pool.get("pool").asString())) {
                pool.get("cidrs").forEach(cidr -> cidrs.add(cidr.asString()));
            }
        }
        return cidrs;
    }

    /** An address handed out. */
    record Allocation(String owner, String ip, String expirationUuid) {
    }
}
