package dev.multipool.host.config;

/**
 * A command line or config file the host cannot run with: an unknown flag, a bad or missing
 * value, or options that conflict. The message names the option; {@code Main} prints it and exits
 * with status {@value #EXIT_STATUS}.
 */
public final class UsageException extends RuntimeException {

    /** The process exit status for a usage error. */
    public static final int EXIT_STATUS = 2;

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the option
     */
    public UsageException(String message) {
        super(message);
    }
}
