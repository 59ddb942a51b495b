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
import java.util.function.BiConsumer;

/**
 * Expiration timers of unconfirmed addresses (spec A5.7): one timer per (pool, address), with a
 * random UUID; at the deadline the address is released unless the timer was stopped or replaced.
 */
final class ExpirationTimers implements AutoCloseable {

    private record Key(PoolName pool, IpAddress address) {
    }

    private record Entry(ExpirationTimer timer, ScheduledFuture<?> future) {
    }

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final BiConsumer<PoolName, IpAddress> onExpiry;
    private final Map<Key, Entry> timers = new HashMap<>();

    ExpirationTimers(Clock clock, ScheduledExecutorService scheduler, BiConsumer<PoolName, IpAddress> onExpiry) {
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
            timers.remove(key);
        }
        onExpiry.accept(key.pool(), key.address());
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

    @Override
    public synchronized void close() {
        timers.values().forEach(entry -> entry.future().cancel(false));
        timers.clear();
    }
}
