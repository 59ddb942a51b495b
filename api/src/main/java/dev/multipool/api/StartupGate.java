package dev.multipool.api;

/**
 * A condition that must hold before a consumer serves allocations, for example "every
 * pre-allocated pool has a CIDR" or "the pool objects are known". The host checks a consumer's
 * gates in the order given, each until it opens, logs progress every 5 seconds, and shows the
 * waiting gate's name in {@code GET /v1/healthz}.
 */
public interface StartupGate {

    /**
     * Returns the name shown in logs and status, for example {@code cidrs-present}.
     *
     * @return a short lower-case name
     */
    String name();

    /**
     * Checks the condition once. Must return quickly and must not block; the host calls it again
     * (about ten times a second) while it is waiting. An exception thrown here fails the consumer,
     * just like {@link GateStatus#failed(String)}.
     *
     * @return the current status
     */
    GateStatus check();

    /**
     * Returns what happens when the gate waits too long.
     *
     * @return the deadline policy; {@link GateDeadline#none()} by default
     */
    default GateDeadline deadline() {
        return GateDeadline.none();
    }
}
