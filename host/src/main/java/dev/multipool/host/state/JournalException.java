package dev.multipool.host.state;

/** The journal could not read or write its files. */
public class JournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what failed, naming the file
     * @param cause the cause, or null
     */
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
