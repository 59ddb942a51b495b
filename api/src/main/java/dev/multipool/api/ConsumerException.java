package dev.multipool.api;

/**
 * A consumer cannot start or run: a bad option value, a missing host service, a failed gate. The
 * host marks the consumer failed with this message and keeps the other consumers running.
 */
public final class ConsumerException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what failed
     */
    public ConsumerException(String message) {
        super(message);
    }

    /**
     * Creates the error with a cause.
     *
     * @param message what failed
     * @param cause the cause
     */
    public ConsumerException(String message, Throwable cause) {
        super(message, cause);
    }
}
