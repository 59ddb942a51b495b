package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.sync.WriterObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lets a waiting {@link GateRunner} check its gate again as soon as something a gate may depend on
 * changed (a node version was ingested, the node writer finished a pass, the pool catalog
 * changed), instead of only after its poll interval: a consumer becomes ready without losing up to
 * one interval per gate. Gates that depend on anything else are still checked every interval.
 */
final class GateWakeup {

    private long changes;

    /** Returns the number of changes signalled so far; pass it to {@link #awaitChange}. */
    synchronized long changes() {
        return changes;
    }

    /** Records a change and wakes the waiting runner. */
    synchronized void signal() {
        changes++;
        notifyAll();
    }

    /**
     * Waits until a change after {@code seen} is signalled, or the timeout has passed.
     *
     * @param seen what {@link #changes()} returned before the gate was checked
     * @param timeout the longest wait
     * @throws InterruptedException if interrupted meanwhile
     */
    synchronized void awaitChange(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while (changes == seen && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * Returns an observer that tells the delegate first and then signals a change after every
     * finished pass (written or unchanged), when the writer's first-sync flag is already set.
     *
     * @param delegate the observer to wrap
     * @return the wrapping observer
     */
    WriterObserver signallingAfterPasses(WriterObserver delegate) {
        requireNonNull(delegate, "delegate is null");
        return new WriterObserver() {
            @Override
            public void written() {
                delegate.written();
                signal();
            }

            @Override
            public void unchanged() {
                delegate.unchanged();
                signal();
            }

            @Override
            public void conflict() {
                delegate.conflict();
            }

            @Override
            public void failed(RuntimeException error) {
                delegate.failed(error);
            }
        };
    }
}
