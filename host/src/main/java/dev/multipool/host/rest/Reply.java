package dev.multipool.host.rest;

import tools.jackson.databind.JsonNode;

/**
 * What the REST API answers to one request.
 *
 * @param status the HTTP status
 * @param body the UTF-8 JSON body, or null for an empty body
 * @param allow the {@code Allow} header value, or null
 */
record Reply(int status, byte[] body, String allow) {

    /**
     * Returns a reply with a JSON body.
     *
     * @param status the status
     * @param body the body
     * @return the reply
     */
    static Reply json(int status, JsonNode body) {
        return new Reply(status, Json.bytes(body), null);
    }

    /**
     * Returns a reply with no body.
     *
     * @param status the status
     * @return the reply
     */
    static Reply empty(int status) {
        return new Reply(status, null, null);
    }

    /**
     * Returns an error reply whose body is the message as a JSON string.
     *
     * @param status the status
     * @param message the message
     * @return the reply
     */
    static Reply error(int status, String message) {
        return new Reply(status, Json.error(message), null);
    }

    /**
     * Returns the reply for a problem found by the REST layer itself.
     *
     * @param problem the problem
     * @return the reply
     */
    static Reply of(HttpProblem problem) {
        return new Reply(problem.status(), Json.error(problem.getMessage()), problem.allow());
    }
}
