package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tools.jackson.databind.JsonNode;

/**
 * A client of the host's REST API over its unix domain socket, built on Jetty's {@link HttpClient}.
 *
 * <p>Every method sends one request and waits for the whole answer (at most the request timeout,
 * 10 seconds by default). Nothing is checked: a test reads {@link HostResponse#status()} or calls
 * {@link HostResponse#expectStatus(int)}. Typed helpers cover the contract's endpoints:
 * {@link #healthz()}, {@link #consumers()}, {@link #consumer(String)}, and the IPAM endpoints of a
 * consumer through {@link #ipam(String)} ({@code /v1/consumers/<id>/ipam}) or {@link #ipam()}
 * ({@code /v1/ipam}, the default consumer). The client stays usable across
 * {@link TestHost#restart()}, since the socket path does not change. Thread-safe.
 */
public final class HostClient implements AutoCloseable {

    private final Path socket;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * Creates and starts a client.
     *
     * @param socket the host's {@code --socket-path}
     * @param timeout the deadline of one request
     * @throws IllegalStateException if Jetty's client cannot start
     */
    public HostClient(Path socket, Duration timeout) {
        this.socket = requireNonNull(socket, "socket is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName("testkit-http");
        threads.setDaemon(true);
        this.http = new HttpClient();
        http.setExecutor(threads);
        http.setUserAgentField(null);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e, e);
        }
    }

    /**
     * Returns the socket this client talks to.
     *
     * @return the socket path
     */
    public Path socket() {
        return socket;
    }

    /**
     * Sends {@code GET /v1/healthz}: {@code 200} when every enabled consumer is ready (or failed
     * and reported), {@code 503} while one is starting or waiting at a gate.
     *
     * @return the response
     */
    public HostResponse healthz() {
        return get("/v1/healthz");
    }

    /**
     * Sends {@code GET /v1/consumers}: every consumer with its plugin (id, version, SPI range),
     * state and reason, and every plugin found in the plugins directory.
     *
     * @return the response
     */
    public HostResponse consumers() {
        return get("/v1/consumers");
    }

    /**
     * Sends {@code GET /v1/consumers/<id>}: the consumer's pools, counters and allocations.
     *
     * @param consumerId the consumer
     * @return the response ({@code 404} for an unknown or disabled consumer)
     */
    public HostResponse consumer(String consumerId) {
        return get("/v1/consumers/" + Encoding.pathSegment(requireNonNull(consumerId, "consumerId is null")));
    }

    /**
     * Finds an address nobody holds in the CIDRs delegated to a consumer's pool, for tests of
     * specific-address allocation (the manager's choice of next addresses is its own business).
     * Reads {@code GET /v1/consumers/<id>}; skips each CIDR's network and last address.
     *
     * @param consumerId the consumer
     * @param pool the pool
     * @param family the family
     * @return the address text, or empty when the pool has no delegated CIDR of that family or all are taken
     */
    public Optional<String> freeAddress(String consumerId, String pool, Family family) {
        requireNonNull(pool, "pool is null");
        requireNonNull(family, "family is null");
        JsonNode detail = consumer(consumerId).expectStatus(200).json();
        for (JsonNode entry : detail.path("pools")) {
            if (!pool.equals(entry.path("name").asString(""))) {
                continue;
            }
            JsonNode part = entry.path(family.wireName());
            for (JsonNode text : part.path("cidrs")) {
                Cidr cidr = Cidr.parse(text.asString());
                long usable = Math.min(cidr.addressCount(), 1L << 16) - 1;
                for (long offset = 1; offset < usable; offset++) {
                    String candidate = cidr.network().plus(offset).toString();
                    if (!part.path("allocations").has(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the IPAM endpoints of one consumer, {@code /v1/consumers/<id>/ipam}.
     *
     * @param consumerId the consumer
     * @return the endpoints
     */
    public ConsumerIpamClient ipam(String consumerId) {
        requireNonNull(consumerId, "consumerId is null");
        return new ConsumerIpamClient(this, "/v1/consumers/" + Encoding.pathSegment(consumerId) + "/ipam");
    }

    /**
     * Returns the IPAM endpoints of the default consumer, {@code /v1/ipam} (the {@code pod}
     * consumer when it is enabled, else the only enabled consumer).
     *
     * @return the endpoints
     */
    public ConsumerIpamClient ipam() {
        return new ConsumerIpamClient(this, "/v1/ipam");
    }

    /**
     * Sends a GET.
     *
     * @param target the request target, percent-encoded, for example {@code /v1/healthz}
     * @return the response
     */
    public HostResponse get(String target) {
        return send("GET", target, Map.of());
    }

    /**
     * Sends a POST without a body.
     *
     * @param target the request target, percent-encoded
     * @return the response
     */
    public HostResponse post(String target) {
        return send("POST", target, Map.of());
    }

    /**
     * Sends a DELETE.
     *
     * @param target the request target, percent-encoded
     * @return the response
     */
    public HostResponse delete(String target) {
        return send("DELETE", target, Map.of());
    }

    /**
     * Sends a request without a body.
     *
     * @param method the method
     * @param target the request target, percent-encoded, starting with {@code /}
     * @param headers extra request headers
     * @return the response
     * @throws IllegalStateException if the host does not answer in time or the connection fails
     */
    public HostResponse send(String method, String target, Map<String, String> headers) {
        requireNonNull(method, "method is null");
        requireNonNull(target, "target is null");
        requireNonNull(headers, "headers is null");
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("the request target must start with '/': " + target);
        }
        Request request = http.newRequest("http://localhost" + target)
                .method(method)
                .transport(new Transport.TCPUnix(socket))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .headers(fields -> headers.forEach(fields::put));
        ContentResponse response;
        try {
            response = request.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + target + " was interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " " + target + ": no answer from " + socket + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " " + target + " failed on " + socket + ": " + e.getCause(),
                    e.getCause());
        }
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        for (HttpField field : response.getHeaders()) {
            responseHeaders.put(field.getLowerCaseName(), field.getValue());
        }
        return new HostResponse(method, target, response.getStatus(), responseHeaders,
                new String(response.getContent(), StandardCharsets.UTF_8));
    }

    /** Stops Jetty's client and its threads. */
    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the HTTP client: " + e, e);
        }
    }
}
