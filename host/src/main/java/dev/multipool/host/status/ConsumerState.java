package dev.multipool.host.status;

import java.util.Locale;

/** The life-cycle state of a consumer as {@code /v1/healthz} reports it. */
public enum ConsumerState {
    /** Loading, restoring its allocations, or waiting for the node. */
    STARTING,
    /** Waiting for a startup gate to open. */
    WAITING,
    /** Serving requests. */
    READY,
    /** Not serving: its plugin or one of its gates failed; the reason says why. */
    FAILED,
    /** Loaded but not enabled by {@code --consumers} (only in {@code GET /v1/consumers}). */
    DISABLED;

    /**
     * Returns the lower-case name used in JSON.
     *
     * @return for example {@code ready}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
