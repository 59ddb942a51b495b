package dev.multipool.host.consumer;

import dev.multipool.api.IpamException;

/**
 * A request addressed a consumer that does not exist, is not enabled, is still starting, or failed.
 */
public final class ConsumerUnavailableException extends IpamException {

    private static final long serialVersionUID = 1L;

    private final boolean unknown;

    private ConsumerUnavailableException(String message, boolean unknown) {
        super(message);
        this.unknown = unknown;
    }

    /**
     * Returns the error for an id no enabled consumer has (404).
     *
     * @param id the id asked for
     * @return the error
     */
    public static ConsumerUnavailableException unknown(String id) {
        return new ConsumerUnavailableException("no consumer \"" + id + "\" is enabled on this host", true);
    }

    /**
     * Returns the error for a consumer that cannot serve yet or any more (503).
     *
     * @param id the consumer
     * @param why for example {@code starting (waiting for gate cidrs-present)}
     * @return the error
     */
    public static ConsumerUnavailableException unavailable(String id, String why) {
        return new ConsumerUnavailableException("consumer \"" + id + "\" is not serving: " + why, false);
    }

    /**
     * Returns whether the consumer is unknown (rather than not ready).
     *
     * @return true for {@link #unknown(String)}
     */
    public boolean isUnknown() {
        return unknown;
    }
}
