package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * The answer of one {@link StartupGate#check()}.
 *
 * @param state open, waiting or failed
 * @param detail what is awaited (waiting), why it failed (failed), or a warning to show in the
 *     consumer's status although the gate is open; empty when there is nothing to say
 */
public record GateStatus(State state, String detail) {

    /** The states a gate can report. */
    public enum State {
        /** The condition holds; the host moves on to the next gate. */
        OPEN,
        /** The condition does not hold yet; the host asks again later. */
        WAITING,
        /** The condition can never hold; the consumer fails with {@link GateStatus#detail()}. */
        FAILED
    }

    private static final GateStatus OPEN = new GateStatus(State.OPEN, "");

    /** Validates the parts. */
    public GateStatus {
        requireNonNull(state, "state is null");
        requireNonNull(detail, "detail is null");
    }

    /**
     * Returns an open status without a warning.
     *
     * @return the status
     */
    public static GateStatus open() {
        return OPEN;
    }

    /**
     * Returns an open status that carries a warning for the consumer's status page.
     *
     * @param warning what the user should know, for example that a pool offers no IPv6
     * @return the status
     */
    public static GateStatus openWithWarning(String warning) {
        return new GateStatus(State.OPEN, warning);
    }

    /**
     * Returns a waiting status.
     *
     * @param awaiting what the gate waits for, logged every 5 seconds and shown in the status
     * @return the status
     */
    public static GateStatus waiting(String awaiting) {
        return new GateStatus(State.WAITING, awaiting);
    }

    /**
     * Returns a failed status.
     *
     * @param reason why the condition can never hold
     * @return the status
     */
    public static GateStatus failed(String reason) {
        return new GateStatus(State.FAILED, reason);
    }
}
