package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Why a claim is reconciled, which decides whether a device waiting for its pool gets an attempt
 * now (spec D4). Every reconcile re-reads the claim; only a device whose retry is due, or whose
 * pools changed, spends one of its attempts.
 *
 * @param poolsChanged the pool catalog changed: every waiting device is tried at once
 * @param retryDue the retry timer that fired was set for this instant: every device due by then
 *     is tried, even if the clock shows a little earlier
 */
record ReconcileTrigger(boolean poolsChanged, Optional<Instant> retryDue) {

    /** A watch event (or resync) of the claim: only devices whose retry is due by the clock are tried. */
    static final ReconcileTrigger EVENT = new ReconcileTrigger(false, Optional.empty());

    /** The pool catalog changed: every waiting device is tried. */
    static final ReconcileTrigger POOLS_CHANGED = new ReconcileTrigger(true, Optional.empty());

    /** Validates the parts. */
    ReconcileTrigger {
        requireNonNull(retryDue, "retryDue is null");
    }

    /**
     * Returns the trigger of a retry timer.
     *
     * @param due the instant the timer was set for
     * @return the trigger
     */
    static ReconcileTrigger retry(Instant due) {
        return new ReconcileTrigger(false, Optional.of(requireNonNull(due, "due is null")));
    }

    /**
     * Returns one trigger that stands for this one and another, both queued before the claim's turn.
     *
     * @param other the other trigger
     * @return the trigger trying every device either would try
     */
    ReconcileTrigger and(ReconcileTrigger other) {
        Optional<Instant> due = retryDue;
        if (other.retryDue.isPresent() && (due.isEmpty() || other.retryDue.get().isAfter(due.get()))) {
            due = other.retryDue;
        }
        return new ReconcileTrigger(poolsChanged || other.poolsChanged, due);
    }

    /**
     * Returns whether a waiting device's next attempt is due.
     *
     * @param nextAttempt when the device's backoff allows its next attempt
     * @param now the clock's instant
     * @return true if the device must be tried now
     */
    boolean due(Instant nextAttempt, Instant now) {
        return poolsChanged || !nextAttempt.isAfter(now)
                || retryDue.filter(timer -> !nextAttempt.isAfter(timer)).isPresent();
    }
}
