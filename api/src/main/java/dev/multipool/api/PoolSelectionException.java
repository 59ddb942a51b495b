package dev.multipool.api;

/** A {@link PoolSelector} could not choose a pool for a request (no match, several matches, unknown owner). */
public final class PoolSelectionException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the message
     * @param family the family asked for, or null
     * @param owner the owner, or null
     */
    public PoolSelectionException(String message, Family family, String owner) {
        super(message, null, family, null, owner, null);
    }
}
