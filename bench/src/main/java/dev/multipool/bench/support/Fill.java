package dev.multipool.bench.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Fills a running host with allocations through its REST API, as a benchmark's setup. */
public final class Fill {

    private Fill() {
    }

    /**
     * Allocates {@code count} addresses of the pod consumer for the distinct owners
     * {@code bench/pod-0} … {@code bench/pod-(count-1)}, with {@code clients} keep-alive clients.
     * A 502 (the pool is waiting for another CIDR from the operator) is retried after 10 ms for up
     * to a minute; any other answer than 201 fails the fill.
     *
     * @param socket the host's REST socket
     * @param count the number of allocations
     * @param clients concurrent clients
     * @throws Exception if an allocation fails
     */
    public static void distinctOwners(Path socket, int count, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    try (KeepAliveHttp http = new KeepAliveHttp(socket)) {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            allocate(http, "bench/pod-" + i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void allocate(KeepAliveHttp http, String owner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            KeepAliveHttp.Response reply = http.send("POST", "/v1/ipam?owner=" + owner);
            if (reply.status() == 201) {
                return;
            }
            if (reply.status() != 502 || System.nanoTime() > deadline) {
                throw new IllegalStateException("allocation for " + owner + " answered " + reply.status() + ": "
                        + reply.body());
            }
            Thread.sleep(10);
        }
    }
}
