package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of the host's REST API: the status code, the headers and the body.
 *
 * <p>Bodies are JSON (an object for successes and status pages, a JSON string for errors, as in
 * Cilium's API); {@link #json()} parses them into a Jackson tree, which tests read with
 * {@code at("/ipv4/ip")} and friends.
 *
 * @param method the request method
 * @param target the request target, for example {@code /v1/ipam?owner=ns%2Fpod}
 * @param status the HTTP status code
 * @param headers the response headers (lower-case names, last value wins)
 * @param body the body as text (UTF-8)
 */
public record HostResponse(String method, String target, int status, Map<String, String> headers, String body) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Validates and copies the parts. */
    public HostResponse {
        requireNonNull(method, "method is null");
        requireNonNull(target, "target is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    /**
     * Parses the body as JSON.
     *
     * @return the tree
     * @throws IllegalStateException if the body is not JSON; the message quotes it
     */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalStateException(describe() + ": the body is not JSON: " + body, e);
        }
    }

    /**
     * Returns the error text of a failed request: the JSON string body the host sends with every
     * 4xx and 5xx status.
     *
     * @return the message, or the raw body when it is not a JSON string
     */
    public String errorMessage() {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isString() ? node.stringValue() : body;
        } catch (JacksonException e) {
            return body;
        }
    }

    /**
     * Checks the status and returns this response, so a test can chain
     * {@code client.ipam().allocateNext("ns/a").expectStatus(201).address(Family.IPV4)}.
     *
     * @param expected the status the test expects
     * @return this response
     * @throws AssertionError naming the request, the status and the body when the status differs
     */
    public HostResponse expectStatus(int expected) {
        if (status != expected) {
            throw new AssertionError("expected " + expected + " from " + describe() + " but got " + status + ": " + body);
        }
        return this;
    }

    /**
     * Returns the address of one family from an IPAMResponse ({@code <family>.ip}).
     *
     * @param family the family
     * @return the address text, or empty when the response holds none of that family
     */
    public Optional<String> address(Family family) {
        return text("/" + family.wireName() + "/ip");
    }

    /**
     * Returns the pool an IPAMResponse took the address of a family from
     * ({@code address.<family>-pool-name}).
     *
     * @param family the family
     * @return the pool name, or empty when the response holds none
     */
    public Optional<String> poolName(Family family) {
        return text("/address/" + family.wireName() + "-pool-name");
    }

    /**
     * Returns a text value of the JSON body.
     *
     * @param pointer a JSON pointer such as {@code /ipv4/cidrs/0}
     * @return the value, or empty when absent or not text
     */
    public Optional<String> text(String pointer) {
        JsonNode node = json().at(pointer);
        return node.isString() ? Optional.of(node.stringValue()) : Optional.empty();
    }

    private String describe() {
        return method + " " + target;
    }
}
