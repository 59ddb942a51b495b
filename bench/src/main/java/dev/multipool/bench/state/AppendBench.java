package dev.multipool.bench.state;

import dev.multipool.bench.support.WorkDirectory;
import dev.multipool.host.state.FileAllocationJournal;
import dev.multipool.host.state.JournalEntry;
import dev.multipool.host.state.JournalStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durable appends per second with N concurrent appenders: the journal (group commit) against a
 * baseline of the same N threads each doing a raw FileChannel write plus force of one record,
 * serialised by a lock as an ordered log must be.
 */
final class AppendBench {

    /**
     * One thread count's result.
     *
     * @param threads concurrent appenders
     * @param journalPerSecond durable journal appends per second
     * @param entriesPerCommit average appends per group commit
     * @param baselinePerSecond raw write+force per second
     */
    record Result(int threads, double journalPerSecond, double entriesPerCommit, double baselinePerSecond) {
    }

    private AppendBench() {
    }

    static Result run(Path parent, int threads, double seconds) throws Exception {
        Path directory = Workload.freshDirectory(parent, "append-" + threads);
        double journalRate;
        double perCommit;
        try (FileAllocationJournal journal = new FileAllocationJournal(directory)) {
            journal.open();
            journalRate = drive(threads, seconds, index -> journal.append(List.<JournalEntry>of(
                    Workload.allocation(index))));
            JournalStatistics statistics = journal.statistics();
            perCommit = (double) statistics.appends() / statistics.commits();
        }
        WorkDirectory.delete(directory);
        Path raw = Workload.freshDirectory(parent, "raw-" + threads).resolve("raw.log");
        try (FileChannel channel = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Object lock = new Object();
            double baseline = drive(threads, seconds, index -> {
                ByteBuffer record = ByteBuffer.wrap(("pod pool-1 10.0.0.1 namespace-1/workload-" + index + "\n")
                        .getBytes());
                synchronized (lock) {
                    try {
                        while (record.hasRemaining()) {
                            channel.write(record, channel.size());
                        }
                        channel.force(false);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            WorkDirectory.delete(raw.getParent());
            return new Result(threads, journalRate, perCommit, baseline);
        }
    }

    /** Runs {@code threads} loops of {@code append} for {@code seconds}; returns appends per second. */
    private static double drive(int threads, double seconds, java.util.function.IntConsumer append)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder done = new LongAdder();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * 10_000_000;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = first; running.get(); i++) {
                    append.accept(i);
                    done.increment();
                }
            });
            worker.start();
            workers.add(worker);
        }
        long begin = System.nanoTime();
        start.countDown();
        Thread.sleep((long) (seconds * 1000));
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        return done.sum() / ((System.nanoTime() - begin) / 1e9);
    }
}
