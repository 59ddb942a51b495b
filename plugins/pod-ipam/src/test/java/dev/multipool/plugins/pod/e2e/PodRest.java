package dev.multipool.plugins.pod.e2e;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.testing.UnixSocketHttpClient;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The REST calls a CNI plugin makes, on the default consumer's routes ({@code /v1/ipam}, which
 * address the pod consumer), plus the status documents of the pod consumer.
 */
final class PodRest {

    /** The pod consumer's id. */
    static final String POD = "pod";

    private final UnixSocketHttpClient http;
    private final HostRest rest;

    PodRest(KubernetesHost host) {
        this(requireNonNull(host, "host is null").socket());
    }

    PodRest(Path socket) {
        this.http = new UnixSocketHttpClient(requireNonNull(socket, "socket is null"));
        this.rest = new HostRest(socket);
    }

    HostRest rest() {
        return rest;
    }

    private HttpReply post(String target) {
        try {
            return http.send("POST", target, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + target + " failed", e);
        }
    }

    /**
     * Returns {@code GET /v1/consumers}.
     *
     * @return the consumers and plugins
     */
    JsonNode consumers() {
        try {
            HttpReply reply = http.get("/v1/consumers");
            assertThat(reply.status()).as(reply.bodyText()).isEqualTo(200);
            return HostRest.json(reply);
        } catch (IOException e) {
            throw new UncheckedIOException("GET /v1/consumers failed", e);
        }
    }

    /**
     * {@code POST /v1/ipam?owner=..} for every enabled family, the pool chosen by the consumer.
     *
     * @param owner the owner, {@code namespace/pod} for a pod
     * @return the reply
     */
    HttpReply next(String owner) {
        return next(owner, null, null);
    }

    /**
     * {@code POST /v1/ipam?owner=..&family=..&pool=..}.
     *
     * @param owner the owner
     * @param family {@code ipv4}, {@code ipv6}, or null for every enabled family
     * @param pool the pool, or null for the consumer's selection
     * @return the reply
     */
    HttpReply next(String owner, String family, String pool) {
        StringBuilder target = new StringBuilder("/v1/ipam?owner=").append(encode(owner));
        if (family != null) {
            target.append("&family=").append(family);
        }
        if (pool != null) {
            target.append("&pool=").append(encode(pool));
        }
        return post(target.toString());
    }

    /**
     * Retries a next-address request the way the CNI plugin's caller does while the chosen pool
     * has no CIDR yet (502 "pool not (yet) available": the host asks for one, the operator
     * delegates it); any other answer than 201 or that 502 fails the test.
     *
     * @param owner the owner
     * @param family {@code ipv4}, {@code ipv6}, or null for every enabled family
     * @param pool the pool, or null for the consumer's selection
     * @return the 201 body
     */
    JsonNode nextServed(String owner, String family, String pool) {
        HttpReply[] last = new HttpReply[1];
        await().atMost(KubernetesHost.WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = next(owner, family, pool);
            if (last[0].status() != 201) {
                assertThat(last[0].status()).as(last[0].bodyText()).isEqualTo(502);
                assertThat(error(last[0])).as("the only error worth retrying").contains("pool not (yet) available");
            }
            return last[0].status() == 201;
        });
        return HostRest.json(last[0]);
    }

    /**
     * Returns the error text of a reply (the REST API's errors are a JSON string).
     *
     * @param reply the reply
     * @return the text
     */
    static String error(HttpReply reply) {
        return HostRest.json(reply).asString();
    }

    /**
     * Returns one pool and family of {@code GET /v1/consumers/pod}.
     *
     * @param pool the pool
     * @param family {@code ipv4} or {@code ipv6}
     * @return {@code cidrs}, {@code in-use}, {@code demand}, {@code pending}, ...; missing when absent
     */
    JsonNode pool(String pool, String family) {
        return rest.pool(POD, pool, family);
    }

    /**
     * Returns the pod consumer's part of {@code GET /v1/healthz}.
     *
     * @return {@code state}, {@code gate}, {@code reason}, {@code warnings}
     */
    JsonNode health() {
        return rest.healthz().path("consumers").path(POD);
    }

    /**
     * Releases an address.
     *
     * @param ip the address
     * @param pool its pool
     */
    void release(String ip, String pool) {
        rest.release(POD, ip, pool);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
