package dev.multipool.host.manager;

/** What {@link MultiPoolManager#restore} did with a stored allocation record. */
public enum RestoreOutcome {
    /** The address is allocated to the owner (or already was). */
    PLACED,
    /**
     * The pool holds no delegated CIDR containing the address yet. The address is reserved for the
     * owner, never handed out to anyone else, counted as in use for demand, and placed as soon as
     * its CIDR is delegated again.
     */
    DEFERRED,
    /** Another owner holds the address (or its reservation); nothing changed. */
    CONFLICT
}
