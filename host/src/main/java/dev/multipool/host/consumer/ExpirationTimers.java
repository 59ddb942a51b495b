package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.host.state.ExpirationTimer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Expiration timers of unconfirmed addresses (spec A5.7): one timer per (pool, address), with a
 * random UUID; at the deadline the address is released unless the timer was stopped or replaced.
 *
 * <p>A timer that fires only reports its UUID: the handler releases the address after checking,
 * under the lock that orders changes of the consumer, that this timer is still the address's
 * current one ({@link #removeIfCurrent}). So a timer that fires while its address is being
 * released and handed out again never releases the new owner's address.
 */
final class ExpirationTimers implements AutoCloseable {

    private record Key(PoolName pool, IpAddress address) {
    }

    private record Entry(ExpirationTimer timer, ScheduledFuture<?> future) {
    }

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExpiryHandler onExpiry;
    private final Map<Key, Entry> timers = new HashMap<>();

    ExpirationTimers(Clock clock, ScheduledExecutorService scheduler, ExpiryHandler onExpiry) {
        this.clock = requireNonNull(clock, "clock is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.onExpiry = requireNonNull(onExpiry, "onExpiry is null");
    }

    /** Returns a new timer description for an address allocated now. */
    ExpirationTimer create(Duration timeout) {
        return new ExpirationTimer(UUID.randomUUID().toString(), clock.instant().plus(timeout));
    }

    /** Arms a timer (a new one, or one restored from disk with its original deadline). */
    synchronized void arm(PoolName pool, IpAddress address, ExpirationTimer timer) {
        Key key = new Key(pool, address);
        Entry previous = timers.remove(key);
        if (previous != null) {
            previous.future().cancel(false);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), timer.deadline()).toMillis());
        ScheduledFuture<?> future = scheduler.schedule(() -> fire(key, timer.uuid()), delay, TimeUnit.MILLISECONDS);
        timers.put(key, new Entry(timer, future));
    }

    private void fire(Key key, String uuid) {
        synchronized (this) {
            Entry entry = timers.get(key);
            if (entry == null || !entry.timer().uuid().equals(uuid)) {
                return;
            }
        }
        onExpiry.expired(key.pool(), key.address(), uuid);
    }

    /**
     * Removes the timer of an address if it is still the one with this UUID.
     *
     * @return true if it was removed: the caller releases the address
     */
    synchronized boolean removeIfCurrent(PoolName pool, IpAddress address, String uuid) {
        Key key = new Key(pool, address);
        Entry entry = timers.get(key);
        if (entry == null || !entry.timer().uuid().equals(uuid)) {
            return false;
        }
        timers.remove(key);
        entry.future().cancel(false);
        return true;
    }

    /** Returns the timer of an address, if one runs. */
    synchronized Optional<ExpirationTimer> get(PoolName pool, IpAddress address) {
        return Optional.ofNullable(timers.get(new Key(pool, address))).map(Entry::timer);
    }

    /**
     * Stops the timer if the UUID matches.
     *
     * @throws ExpirationTimerException when there is no timer or the UUID differs
     */
    synchronized void stop(PoolName pool, IpAddress address, String uuid) {
        Key key = new Key(pool, address);
        Entry entry = timers.get(key);
        if (entry == null) {
            throw new ExpirationTimerException(ExpirationTimerException.Reason.NO_TIMER, pool, address);
        }
        if (!entry.timer().uuid().equals(uuid)) {
            throw new ExpirationTimerException(ExpirationTimerException.Reason.UUID_MISMATCH, pool, address);
        }
        timers.remove(key);
        entry.future().cancel(false);
    }

    /** Removes the timer of a released address, if any. */
    synchronized void cancel(PoolName pool, IpAddress address) {
        Entry entry = timers.remove(new Key(pool, address));
        if (entry != null) {
            entry.future().cancel(false);
        }
    }

    /** Returns when the timer of an address fires, for tests and status. */
    synchronized Optional<Instant> deadline(PoolName pool, IpAddress address) {
        return get(pool, address).map(ExpirationTimer::deadline);
    }

    /** Receives a timer that reached its deadline. */
    @FunctionalInterface
    interface ExpiryHandler {

        /**
         * The timer with this UUID fired; nothing was removed yet.
         *
         * @param pool the pool
         * @param address the address
         * @param uuid the timer's UUID
         */
        void expired(PoolName pool, IpAddress address, String uuid);
    }

    @Override
    public synchronized void close() {
        timers.values().forEach(entry -> entry.future().cancel(false));
        timers.clear();
    }
}
