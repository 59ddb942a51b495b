package dev.multipool.bench.rest;

import dev.multipool.bench.support.Samples;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * The disk's floor for "state on": one thread appending a small record to a file and forcing it
 * ({@code FileChannel.force(false)}, what the journal does) at the paced rate of the open-loop run,
 * each latency measured from the moment it was due. A durable reply cannot come sooner than this,
 * whatever the server does around it.
 */
final class ForceProbe {

    private ForceProbe() {
    }

    static Samples run(Path directory, double ratePerSecond, double seconds) throws IOException {
        long period = (long) (1e9 / ratePerSecond);
        int total = (int) (ratePerSecond * seconds);
        Path file = directory.resolve("force-probe.log");
        Files.deleteIfExists(file);
        long[] latencies = new long[total];
        ByteBuffer record = ByteBuffer.allocate(96);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long begin = System.nanoTime() + 10_000_000L;
            for (int i = 0; i < total; i++) {
                long due = begin + i * period;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                record.clear();
                record.putLong(0, i);
                while (record.hasRemaining()) {
                    channel.write(record);
                }
                channel.force(false);
                latencies[i] = System.nanoTime() - due;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return Samples.ofNanosAsMillis(latencies, total);
    }
}
