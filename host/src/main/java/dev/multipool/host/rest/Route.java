package dev.multipool.host.rest;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoints of the REST API (ARCHITECTURE.md 5.2), each a path pattern with the methods it
 * answers. A pattern segment in braces matches any one non-empty path segment.
 */
enum Route {
    /** {@code GET /v1/healthz}. */
    HEALTHZ("/v1/healthz", "GET"),
    /** {@code GET /v1/consumers}. */
    CONSUMERS("/v1/consumers", "GET"),
    /** {@code GET /v1/consumers/{id}}. */
    CONSUMER("/v1/consumers/{id}", "GET"),
    /** {@code POST /v1/ipam}: next address of the default consumer. */
    NEXT("/v1/ipam", "POST"),
    /** {@code POST|DELETE /v1/ipam/{ip}}: specific address or release, default consumer. */
    ADDRESS("/v1/ipam/{ip}", "POST", "DELETE"),
    /** {@code DELETE /v1/ipam/{ip}/expiration}: stop a timer, default consumer. */
    EXPIRATION("/v1/ipam/{ip}/expiration", "DELETE"),
    /** {@code POST /v1/consumers/{id}/ipam}. */
    CONSUMER_NEXT("/v1/consumers/{id}/ipam", "POST"),
    /** {@code POST|DELETE /v1/consumers/{id}/ipam/{ip}}. */
    CONSUMER_ADDRESS("/v1/consumers/{id}/ipam/{ip}", "POST", "DELETE"),
    /** {@code DELETE /v1/consumers/{id}/ipam/{ip}/expiration}. */
    CONSUMER_EXPIRATION("/v1/consumers/{id}/ipam/{ip}/expiration", "DELETE");

    private final String pattern;
    private final List<String> segments;
    private final Set<String> methods;

    Route(String pattern, String... methods) {
        this.pattern = pattern;
        this.segments = List.of(pattern.substring(1).split("/"));
        this.methods = Set.of(methods);
    }

    /**
     * Returns the pattern, as reported to the {@link RequestObserver}.
     *
     * @return for example {@code /v1/ipam/{ip}}
     */
    String pattern() {
        return pattern;
    }

    /**
     * Returns whether the route answers the method.
     *
     * @param method an HTTP method
     * @return true if allowed
     */
    boolean allows(String method) {
        return methods.contains(method);
    }

    /**
     * Returns the value of the {@code Allow} header for this route.
     *
     * @return the allowed methods, comma separated, in a stable order
     */
    String allowHeader() {
        return methods.size() == 1 ? methods.iterator().next() : "POST, DELETE";
    }

    /**
     * Finds the route of a decoded path.
     *
     * @param path the decoded path, starting with {@code /}
     * @return the match with its path variables, or empty when no route has the path
     */
    static Optional<RouteMatch> match(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = path.substring(1).split("/", -1);
        for (Route route : values()) {
            if (route.segments.size() != parts.length) {
                continue;
            }
            String consumerId = null;
            String ip = null;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                String expected = route.segments.get(i);
                String actual = parts[i];
                switch (expected) {
                    case "{id}":
                        consumerId = actual;
                        matches = !actual.isEmpty();
                        break;
                    case "{ip}":
                        ip = actual;
                        matches = !actual.isEmpty();
                        break;
                    default:
                        matches = expected.equals(actual);
                        break;
                }
            }
            if (matches) {
                return Optional.of(new RouteMatch(route, Optional.ofNullable(consumerId), Optional.ofNullable(ip)));
            }
        }
        return Optional.empty();
    }

    /**
     * A route with the values of its path variables.
     *
     * @param route the route
     * @param consumerId the {@code {id}} segment, for routes that have one
     * @param ip the {@code {ip}} segment as sent (not yet parsed), for routes that have one
     */
    record RouteMatch(Route route, Optional<String> consumerId, Optional<String> ip) {
    }
}
