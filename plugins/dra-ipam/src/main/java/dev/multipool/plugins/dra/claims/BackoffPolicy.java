package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Exponential backoff for claim devices whose pool is not ready (spec D4): the first retry after
 * {@code initial}, each next one {@code factor} times later, never more than {@code max} apart, and
 * at most {@code maxAttempts} attempts in all.
 *
 * @param initial the delay after the first failed attempt
 * @param factor the growth per attempt, at least 1
 * @param max the longest delay
 * @param maxAttempts the attempts before the device is given up (and its claim told why)
 */
public record BackoffPolicy(Duration initial, double factor, Duration max, int maxAttempts) {

    /**
     * Cilium's driver: 1 s initial interval, at most 25 attempts; the doubling is capped at 30 s so
     * the pending demand an attempt refreshes (it expires after 5 minutes, spec M19) stays alive.
     */
    public static final BackoffPolicy DEFAULT = new BackoffPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 25);

    /** Validates the parts. */
    public BackoffPolicy {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("backoff factor must be a finite number of at least 1, got " + factor);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /**
     * Returns the delay after a number of failed attempts.
     *
     * @param failedAttempts 1 after the first failure
     * @return the delay before the next attempt
     */
    public Duration delay(int failedAttempts) {
        double nanos = initial.toNanos();
        for (int i = 1; i < failedAttempts && nanos < max.toNanos(); i++) {
            nanos *= factor;
        }
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }
}
