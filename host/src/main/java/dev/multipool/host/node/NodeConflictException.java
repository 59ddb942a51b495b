package dev.multipool.host.node;

/** A write carried a stale resourceVersion (HTTP 409); re-read the node and try again. */
public final class NodeConflictException extends NodeSourceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what conflicted
     * @param cause the cause, or null
     */
    public NodeConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
