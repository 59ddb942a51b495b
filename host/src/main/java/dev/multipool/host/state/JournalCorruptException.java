package dev.multipool.host.state;

/**
 * The stored state is damaged in a way that could hand an acknowledged address to a second owner
 * if the host went on; the host refuses to start and says which file and offset to look at.
 */
public final class JournalCorruptException extends JournalException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is damaged and why starting is unsafe
     */
    public JournalCorruptException(String message) {
        super(message, null);
    }
}
