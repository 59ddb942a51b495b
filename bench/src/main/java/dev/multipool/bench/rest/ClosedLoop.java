package dev.multipool.bench.rest;

import dev.multipool.bench.support.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop load: N clients, each on its own keep-alive connection, send their next request as
 * soon as the previous one is answered (allocate, release, allocate, ...). A warm-up period runs
 * first and is not counted; then every request answered within the measured period counts, with
 * its latency. At the end each client releases what it holds.
 */
final class ClosedLoop {

    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    /** What a run measured. */
    record Result(int clients, double requestsPerSecond, Samples latencyMillis) {
    }

    private ClosedLoop() {
    }

    static Result run(Path socket, int clients, double warmupSeconds, double seconds) throws Exception {
        CyclicBarrier start = new CyclicBarrier(clients + 1);
        long[] window = new long[2];
        List<LatencyLog> logs = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            LatencyLog log = new LatencyLog();
            logs.add(log);
            int id = CLIENT_IDS.incrementAndGet();
            Thread thread = new Thread(() -> {
                try (IpamClient client = new IpamClient(socket, id)) {
                    start.await();
                    long measureFrom = window[0];
                    long measureTo = window[1];
                    long now = System.nanoTime();
                    while (now < measureTo) {
                        client.next();
                        long done = System.nanoTime();
                        if (now >= measureFrom && done <= measureTo) {
                            log.add(done - now);
                        }
                        now = done;
                    }
                    if (client.holds()) {
                        client.next();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "load-client-" + id);
            threads.add(thread);
            thread.start();
        }
        long begin = System.nanoTime();
        window[0] = begin + (long) (warmupSeconds * 1e9);
        window[1] = window[0] + (long) (seconds * 1e9);
        start.await();
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed", failures.get(0));
        }
        Samples latency = LatencyLog.merged(logs);
        return new Result(clients, latency.count() / seconds, latency);
    }
}
