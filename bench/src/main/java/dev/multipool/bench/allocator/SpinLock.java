package dev.multipool.bench.allocator;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The cheapest mutual exclusion a thread-safe allocator could take per call: one compare-and-set to
 * enter, a plain release store to leave, waiters spin. A reference for the benchmark only: it
 * never parks, so it is no lock for a service whose threads may be descheduled while holding it.
 */
final class SpinLock {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SpinLock.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    void lock() {
        while (!STATE.compareAndSet(this, 0, 1)) {
            Thread.onSpinWait();
        }
    }

    void unlock() {
        STATE.setRelease(this, 0);
    }
}
