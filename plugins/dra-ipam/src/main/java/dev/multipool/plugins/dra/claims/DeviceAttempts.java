package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The attempts of one device whose pool was not ready (spec D4): how many failed, when the backoff
 * allows the next one, and, once they ran out, why the device was given up. They belong to the
 * device's parameters as they were tried: other parameters start afresh.
 *
 * <p>Not thread-safe: only the claim controller's worker thread uses it.
 */
final class DeviceAttempts {

    private final DeviceAssignment tried;
    private int failed;
    private Instant nextAttempt;
    private DeviceOutcome.Failed gaveUp;
    private Instant gaveUpAt;

    DeviceAttempts(DeviceAssignment tried) {
        this.tried = requireNonNull(tried, "tried is null");
    }

    /**
     * Returns whether these attempts were made with the device's current parameters.
     *
     * @param device the device as the claim has it now
     * @return true if nothing that matters for an attempt changed
     */
    boolean sameParameters(DeviceAssignment device) {
        return tried.equals(device);
    }

    /**
     * Counts a failed attempt and sets when the next one is due.
     *
     * @param backoff the retry policy
     * @param now the clock's instant
     * @return the failed attempts so far
     */
    int failedAt(BackoffPolicy backoff, Instant now) {
        failed++;
        nextAttempt = now.plus(backoff.delay(failed));
        return failed;
    }

    /**
     * Returns when the next attempt is due, while the device waits.
     *
     * @return the instant; empty before the first failure and after the device was given up
     */
    Optional<Instant> nextAttempt() {
        return gaveUp == null ? Optional.ofNullable(nextAttempt) : Optional.empty();
    }

    /**
     * Gives the device up.
     *
     * @param why the condition the claim shows
     * @param now the clock's instant
     */
    void giveUp(DeviceOutcome.Failed why, Instant now) {
        gaveUp = requireNonNull(why, "why is null");
        gaveUpAt = requireNonNull(now, "now is null");
    }

    /**
     * Returns why the device was given up.
     *
     * @return the condition, or empty while it still waits
     */
    Optional<DeviceOutcome.Failed> gaveUp() {
        return Optional.ofNullable(gaveUp);
    }

    /**
     * Returns whether the device was given up at least some time before now.
     *
     * @param age how long ago
     * @param now the clock's instant
     * @return true if it was given up and that is {@code age} or longer ago
     */
    boolean gaveUpLongAgo(Duration age, Instant now) {
        return gaveUp != null && !now.isBefore(gaveUpAt.plus(age));
    }
}
