package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Family;
import dev.multipool.host.RunningHost;
import dev.multipool.host.testing.UnixSocketHttpClient;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real host, in-process, in standalone mode: test plugins built into a temporary plugins
 * directory, a pool file, short timings bound through an override module, and a client on the
 * unix socket. {@link E2eHostBuilder#start()} returns once {@code /v1/healthz} answers 200 (unless told
 * otherwise) and the pre-allocated pools have their CIDRs.
 */
final class E2eHost implements AutoCloseable {

    /** The node's name. */
    static final String NODE = "e2e-node";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    final Path root;
    final Path pluginsDir;
    final Path stateDir;
    final Path socket;
    final Set<Family> families;
    final RunningHost running;
    final UnixSocketHttpClient client;

    E2eHost(Path root, Set<Family> families, RunningHost running) {
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
    static E2eHostBuilder in(Path root) {
        return new E2eHostBuilder(root);
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
}
