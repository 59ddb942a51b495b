package dev.multipool.bench.rest;

import dev.multipool.bench.support.Samples;
import java.util.Arrays;
import java.util.List;

/** Request latencies of one client thread, in nanoseconds, without boxing. */
final class LatencyLog {

    private long[] nanos = new long[1 << 14];
    private int count;

    void add(long latency) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count << 1);
        }
        nanos[count++] = latency;
    }

    int count() {
        return count;
    }

    /** Every latency of several logs, in milliseconds. */
    static Samples merged(List<LatencyLog> logs) {
        int total = logs.stream().mapToInt(LatencyLog::count).sum();
        long[] all = new long[total];
        int at = 0;
        for (LatencyLog log : logs) {
            System.arraycopy(log.nanos, 0, all, at, log.count);
            at += log.count;
        }
        return Samples.ofNanosAsMillis(all, total);
    }
}
