package dev.multipool.host;

/** The host cannot start (damaged state, socket held by another process, ...); it exits with status 1. */
public final class HostStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what failed, for the user
     * @param cause the cause, or null
     */
    public HostStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
