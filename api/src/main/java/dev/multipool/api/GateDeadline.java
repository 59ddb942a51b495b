package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What happens when a {@link StartupGate} is still waiting after a time.
 *
 * @param timeout how long the host waits; {@link Duration#ZERO} means no deadline
 * @param action what the host does when the time is up
 */
public record GateDeadline(Duration timeout, Action action) {

    /** What the host does at the deadline. */
    public enum Action {
        /** Mark the consumer failed, with the gate's last detail as the reason. */
        FAIL,
        /** Log a warning, show it in the consumer's status, and go on to the next gate. */
        PROCEED
    }

    private static final GateDeadline NONE = new GateDeadline(Duration.ZERO, Action.FAIL);

    /** Validates the parts. */
    public GateDeadline {
        requireNonNull(timeout, "timeout is null");
        requireNonNull(action, "action is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
    }

    /**
     * Returns the policy of a gate that waits as long as it takes.
     *
     * @return no deadline
     */
    public static GateDeadline none() {
        return NONE;
    }

    /**
     * Returns a deadline that fails the consumer.
     *
     * @param timeout the time allowed
     * @return the deadline
     */
    public static GateDeadline failAfter(Duration timeout) {
        return new GateDeadline(timeout, Action.FAIL);
    }

    /**
     * Returns a deadline after which the host proceeds with a warning (best effort gates).
     *
     * @param timeout the time allowed
     * @return the deadline
     */
    public static GateDeadline proceedAfter(Duration timeout) {
        return new GateDeadline(timeout, Action.PROCEED);
    }

    /**
     * Returns whether there is a deadline at all.
     *
     * @return false for {@link #none()}
     */
    public boolean isBounded() {
        return !timeout.isZero();
    }
}
