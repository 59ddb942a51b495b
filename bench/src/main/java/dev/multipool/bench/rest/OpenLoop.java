package dev.multipool.bench.rest;

import dev.multipool.bench.support.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop (paced) load: requests are due at a fixed rate whatever the server does, and each
 * latency is measured from the moment its request was due, not from when it was sent, so a stall
 * shows in the latencies of every request it delays (no coordinated omission). A pool of
 * connections takes the due requests in order; each connection alternates allocate and release.
 */
final class OpenLoop {

    private static final AtomicLong CLIENT_IDS = new AtomicLong(1_000_000);

    /** What a run measured; {@code lateStarts} counts requests sent more than 1 ms after they were due. */
    record Result(double ratePerSecond, int requests, Samples latencyMillis, long lateStarts) {
    }

    private OpenLoop() {
    }

    static Result run(Path socket, double ratePerSecond, double seconds, int connections) throws Exception {
        long period = (long) (1e9 / ratePerSecond);
        int total = (int) (ratePerSecond * seconds);
        AtomicLong nextSlot = new AtomicLong();
        AtomicLong late = new AtomicLong();
        long begin = System.nanoTime() + 50_000_000L;
        List<LatencyLog> logs = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < connections; c++) {
            LatencyLog log = new LatencyLog();
            logs.add(log);
            int id = (int) CLIENT_IDS.incrementAndGet();
            Thread thread = new Thread(() -> {
                try (IpamClient client = new IpamClient(socket, id)) {
                    for (long slot = nextSlot.getAndIncrement(); slot < total; slot = nextSlot.getAndIncrement()) {
                        long due = begin + slot * period;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (-wait > 1_000_000L) {
                            late.incrementAndGet();
                        }
                        client.next();
                        log.add(System.nanoTime() - due);
                    }
                    if (client.holds()) {
                        client.next();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "paced-client-" + id);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed", failures.get(0));
        }
        Samples latency = LatencyLog.merged(logs);
        return new Result(ratePerSecond, latency.count(), latency, late.get());
    }
}
