package dev.multipool.host.node;

/** The node store could not be read or written; the caller retries later. */
public class NodeSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what failed
     * @param cause the cause, or null
     */
    public NodeSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
