package dev.multipool.host.rest;

/**
 * Sees every request the REST API answers, for example to feed a request-duration histogram.
 * Called once per request on the thread that served it, after the status is decided and before
 * the reply is written, so a client that has seen a reply finds its request observed. An exception
 * thrown here is logged and does not change the response.
 */
@FunctionalInterface
public interface RequestObserver {

    /** The route reported for a path that matches no endpoint. */
    String UNMATCHED_ROUTE = "unmatched";

    /**
     * Records one request.
     *
     * @param method the HTTP method as sent, for example {@code POST}
     * @param route the route pattern, for example {@code /v1/ipam/{ip}} (never the raw path), or
     *     {@link #UNMATCHED_ROUTE}
     * @param status the HTTP status answered
     * @param nanos how long serving it took, in nanoseconds
     */
    void observe(String method, String route, int status, long nanos);

    /**
     * Returns an observer that does nothing.
     *
     * @return the no-op observer
     */
    static RequestObserver noop() {
        return (method, route, status, nanos) -> { };
    }
}
