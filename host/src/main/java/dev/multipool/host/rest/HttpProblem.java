package dev.multipool.host.rest;

import static java.util.Objects.requireNonNull;

/**
 * A request the REST layer answers with an error status before (or instead of) reaching the
 * host: malformed input, an unknown path or consumer, a disabled family.
 */
final class HttpProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String allow;

    private HttpProblem(int status, String message, String allow) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.status = status;
        this.allow = allow;
    }

    /**
     * Returns a problem with a status.
     *
     * @param status the HTTP status
     * @param message the error text sent as the JSON string body
     * @return the problem
     */
    static HttpProblem of(int status, String message) {
        return new HttpProblem(status, message, null);
    }

    /**
     * Returns a 400 problem.
     *
     * @param message what is malformed
     * @return the problem
     */
    static HttpProblem badRequest(String message) {
        return of(400, message);
    }

    /**
     * Returns a 405 problem with its {@code Allow} header.
     *
     * @param method the method sent
     * @param route the route of the path
     * @return the problem
     */
    static HttpProblem methodNotAllowed(String method, Route route) {
        return new HttpProblem(405, "method " + method + " is not allowed on " + route.pattern()
                + " (allowed: " + route.allowHeader() + ")", route.allowHeader());
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status
     */
    int status() {
        return status;
    }

    /**
     * Returns the value of the {@code Allow} header to send, for 405.
     *
     * @return the header value, or null
     */
    String allow() {
        return allow;
    }
}
