package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test sets and moves by hand, for the decisions a consumer takes on
 * {@link dev.multipool.api.ConsumerContext#clock()} (gate turns, retry intervals, timestamps it
 * writes). It stands still unless the test moves it. Thread-safe: a consumer's own threads see
 * every move at once.
 *
 * <p>{@link #withZone(ZoneId)} returns a view in another zone that shares this clock's time, so
 * moving either moves both.
 */
public final class TestClock extends Clock {

    /** Where a clock created without a start instant begins: {@value}. */
    public static final String DEFAULT_START = "2026-01-01T00:00:00Z";

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** Creates a UTC clock at {@link #DEFAULT_START}. */
    public TestClock() {
        this(Instant.parse(DEFAULT_START));
    }

    /**
     * Creates a UTC clock.
     *
     * @param start the instant it shows until moved
     */
    public TestClock(Instant start) {
        this(new AtomicReference<>(requireNonNull(start, "start is null")), ZoneOffset.UTC);
    }

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * Moves the clock forward.
     *
     * @param step how far; zero or more
     * @return the new instant
     * @throws IllegalArgumentException if the step is negative (use {@link #set(Instant)} to move
     *     the clock back on purpose); the clock is then unchanged
     */
    public Instant advance(Duration step) {
        requireNonNull(step, "step is null");
        if (step.isNegative()) {
            throw new IllegalArgumentException("cannot advance the clock by a negative step " + step
                    + "; set an earlier instant instead");
        }
        return now.updateAndGet(current -> current.plus(step));
    }

    /**
     * Sets the clock to an instant, earlier or later than now (to test a clock jump).
     *
     * @param instant the new instant
     */
    public void set(Instant instant) {
        now.set(requireNonNull(instant, "instant is null"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * Returns a view of this clock in another zone; it shares this clock's instant, so moving
     * either moves both.
     *
     * @param other the zone
     * @return the view
     */
    @Override
    public TestClock withZone(ZoneId other) {
        return new TestClock(now, requireNonNull(other, "zone is null"));
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + ", " + zone + "]";
    }
}
