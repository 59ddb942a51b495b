package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.testing.UnixSocketHttpClient;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API of a running host, as a CNI plugin or DRA driver calls it, with the
 * {@code /v1/consumers/{id}} routes so any consumer can be addressed. Methods named after an
 * operation expect it to succeed and fail the test with the host's answer otherwise; the
 * {@code try...} variants return the reply as it is.
 */
public final class HostRest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UnixSocketHttpClient http;

    /**
     * Creates the client.
     *
     * @param socket the host's {@code --socket-path}
     */
    public HostRest(Path socket) {
        this.http = new UnixSocketHttpClient(requireNonNull(socket, "socket is null"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpReply send(String method, String target) {
        try {
            return http.send(method, target, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    private static HttpReply expect(HttpReply reply, int status, String what) {
        if (reply.status() != status) {
            throw new AssertionError(what + ": expected HTTP " + status + ", got " + reply.status() + " "
                    + reply.bodyText());
        }
        return reply;
    }

    /**
     * {@code POST /v1/consumers/{id}/ipam?family=..&pool=..&owner=..}.
     *
     * @param consumer the consumer id
     * @param family {@code ipv4}, {@code ipv6}, or null for every enabled family
     * @param pool the pool, or null for the consumer's selection
     * @param owner the owner
     * @return the reply
     */
    public HttpReply tryAllocateNext(String consumer, String family, String pool, String owner) {
        StringBuilder target = new StringBuilder("/v1/consumers/").append(consumer).append("/ipam?owner=")
                .append(encode(owner));
        if (family != null) {
            target.append("&family=").append(family);
        }
        if (pool != null) {
            target.append("&pool=").append(encode(pool));
        }
        return send("POST", target.toString());
    }

    /**
     * Allocates the next address of one family and returns it.
     *
     * @param consumer the consumer id
     * @param family {@code ipv4} or {@code ipv6}
     * @param pool the pool, or null for the consumer's selection
     * @param owner the owner
     * @return the address
     */
    public String allocateNext(String consumer, String family, String pool, String owner) {
        HttpReply reply = expect(tryAllocateNext(consumer, family, pool, owner), 201,
                "next " + family + " address of pool " + pool + " for " + owner);
        return json(reply).path(family).path("ip").asString();
    }

    /**
     * Asks for the next address the way a CNI plugin or DRA driver does while the pool's CIDRs are
     * still being delegated: 502 ("pool not (yet) available") is retried every 20 ms for up to
     * {@link KubernetesHost#WAIT}; any status other than 201 or 502 fails the test at once.
     *
     * @param consumer the consumer id
     * @param family {@code ipv4}, {@code ipv6}, or null for every enabled family
     * @param pool the pool, or null for the consumer's selection
     * @param owner the owner
     * @return the body of the 201 reply
     */
    public JsonNode allocateNextWhenDelegated(String consumer, String family, String pool, String owner) {
        HttpReply[] last = new HttpReply[1];
        await().atMost(KubernetesHost.WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = tryAllocateNext(consumer, family, pool, owner);
            if (last[0].status() != 201 && last[0].status() != 502) {
                throw new AssertionError("next " + family + " address of pool " + pool + " for " + owner
                        + ": expected HTTP 201 or 502, got " + last[0].status() + " " + last[0].bodyText());
            }
            return last[0].status() == 201;
        });
        return json(last[0]);
    }

    /**
     * {@code POST /v1/consumers/{id}/ipam/{ip}?pool=..&owner=..}.
     *
     * @param consumer the consumer id
     * @param ip the address
     * @param pool the pool
     * @param owner the owner
     * @return the reply
     */
    public HttpReply tryAllocate(String consumer, String ip, String pool, String owner) {
        return send("POST", "/v1/consumers/" + consumer + "/ipam/" + ip + "?pool=" + encode(pool) + "&owner="
                + encode(owner));
    }

    /**
     * Allocates a specific address.
     *
     * @param consumer the consumer id
     * @param ip the address
     * @param pool the pool
     * @param owner the owner
     */
    public void allocate(String consumer, String ip, String pool, String owner) {
        expect(tryAllocate(consumer, ip, pool, owner), 200, "allocation of " + ip + " in pool " + pool);
    }

    /**
     * {@code DELETE /v1/consumers/{id}/ipam/{ip}?pool=..}.
     *
     * @param consumer the consumer id
     * @param ip the address
     * @param pool the pool
     * @return the reply
     */
    public HttpReply tryRelease(String consumer, String ip, String pool) {
        return send("DELETE", "/v1/consumers/" + consumer + "/ipam/" + ip + "?pool=" + encode(pool));
    }

    /**
     * Releases an address.
     *
     * @param consumer the consumer id
     * @param ip the address
     * @param pool the pool
     */
    public void release(String consumer, String ip, String pool) {
        expect(tryRelease(consumer, ip, pool), 200, "release of " + ip + " in pool " + pool);
    }

    /**
     * {@code GET /v1/healthz}.
     *
     * @return the reply
     */
    public HttpReply healthzReply() {
        return send("GET", "/v1/healthz");
    }

    /**
     * Returns the body of {@code GET /v1/healthz} (any status).
     *
     * @return the document
     */
    public JsonNode healthz() {
        return json(healthzReply());
    }

    /**
     * Returns {@code GET /v1/consumers/{id}}.
     *
     * @param consumer the consumer id
     * @return the document
     */
    public JsonNode consumer(String consumer) {
        return json(expect(send("GET", "/v1/consumers/" + consumer), 200, "detail of consumer " + consumer));
    }

    /**
     * Returns one pool and family of {@code GET /v1/consumers/{id}}.
     *
     * @param consumer the consumer id
     * @param pool the pool
     * @param family {@code ipv4} or {@code ipv6}
     * @return the family's part ({@code cidrs}, {@code in-use}, {@code demand}, {@code allocations}
     *     ...), or a missing node when the consumer holds no such pool
     */
    public JsonNode pool(String consumer, String pool, String family) {
        for (JsonNode entry : consumer(consumer).path("pools")) {
            if (entry.path("name").asString().equals(pool)) {
                return entry.path(family);
            }
        }
        return JSON.missingNode();
    }

    /**
     * Returns the addresses a consumer holds in one family, by pool.
     *
     * @param consumer the consumer id
     * @param family {@code ipv4} or {@code ipv6}
     * @return pool name to (address to owner), sorted
     */
    public Map<String, Map<String, String>> allocations(String consumer, String family) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (JsonNode entry : consumer(consumer).path("pools")) {
            Map<String, String> addresses = new TreeMap<>();
            entry.path(family).path("allocations").properties()
                    .forEach(property -> addresses.put(property.getKey(), property.getValue().asString()));
            out.put(entry.path("name").asString(), addresses);
        }
        return out;
    }

    /**
     * Parses a reply body.
     *
     * @param reply the reply
     * @return the JSON tree
     */
    public static JsonNode json(HttpReply reply) {
        return JSON.readTree(reply.bodyText());
    }
}
