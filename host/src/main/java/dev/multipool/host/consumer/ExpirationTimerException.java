package dev.multipool.host.consumer;

import dev.multipool.api.IpAddress;
import dev.multipool.api.IpamException;
import dev.multipool.api.PoolName;

/** Stopping an expiration timer failed: no timer for the address, or another UUID. */
public final class ExpirationTimerException extends IpamException {

    private static final long serialVersionUID = 1L;

    /** Why stopping failed. */
    public enum Reason {
        /** No timer is registered for the address and pool (404). */
        NO_TIMER,
        /** A timer exists with another UUID (409). */
        UUID_MISMATCH
    }

    private final Reason reason;

    /**
     * Creates the error.
     *
     * @param reason why stopping failed
     * @param pool the pool
     * @param address the address
     */
    public ExpirationTimerException(Reason reason, PoolName pool, IpAddress address) {
        super(reason == Reason.NO_TIMER
                        ? "no expiration timer registered for IP " + address + " in pool \"" + pool + "\""
                        : "UUID mismatch, not stopping expiration timer for IP " + address + " in pool \"" + pool + "\"",
                pool, address.family(), address, null, null);
        this.reason = reason;
    }

    /**
     * Returns why stopping failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
