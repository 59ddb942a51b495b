package dev.multipool.bench.state;

import dev.multipool.host.state.FileAllocationJournal;
import dev.multipool.host.state.JournalContents;
import dev.multipool.host.state.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Measures {@link FileAllocationJournal#open()} of a state holding {@code records} live records, in
 * two layouts: all records in the journal (as written by 32 concurrent appenders, never
 * compacted) and all records in a snapshot. The baseline is reading the same files' bytes.
 */
final class RestoreBench {

    /**
     * One layout's result.
     *
     * @param layout what the directory holds
     * @param bytes size of the files
     * @param firstMillis the first open in this JVM (what a host start pays), wall clock
     * @param firstCpuMillis CPU time of the whole process (all threads, JIT included) during it
     * @param medianMillis the median of the later opens
     * @param baselineMillis the median time to read the same files' bytes
     */
    record Result(String layout, long bytes, double firstMillis, double firstCpuMillis, double medianMillis,
                  double baselineMillis) {
    }

    private RestoreBench() {
    }

    static List<Result> run(Path parent, int records, int repeats) throws Exception {
        Path directory = Workload.freshDirectory(parent, "restore");
        List<Result> results = new ArrayList<>();
        try (FileAllocationJournal journal = new FileAllocationJournal(directory)) {
            journal.open();
            fill(journal, records);
        }
        results.add(measure("journal only (" + records + " records, 32 appenders)", directory, records, repeats));
        try (FileAllocationJournal journal = new FileAllocationJournal(directory)) {
            journal.open();
            journal.compact();
        }
        results.add(measure("snapshot (" + records + " records)", directory, records, repeats));
        Workload.delete(directory);
        return results;
    }

    private static void fill(FileAllocationJournal journal, int records) throws Exception {
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                work.add(pool.submit(() -> {
                    for (int i = first; i < records; i += threads) {
                        journal.append(List.<JournalEntry>of(Workload.allocation(i)));
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static Result measure(String layout, Path directory, int records, int repeats) {
        double[] opens = new double[repeats];
        double[] reads = new double[repeats];
        double firstCpu = 0;
        for (int i = 0; i < repeats; i++) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            try (FileAllocationJournal journal = new FileAllocationJournal(directory)) {
                JournalContents contents = journal.open();
                if (contents.records().size() != records || !contents.problems().isEmpty()) {
                    throw new IllegalStateException("restore read " + contents.records().size() + " records, "
                            + contents.problems());
                }
            }
            opens[i] = (System.nanoTime() - start) / 1e6;
            if (i == 0) {
                firstCpu = (processCpuNanos() - cpu) / 1e6;
            }
            start = System.nanoTime();
            long bytes = readAll(directory);
            reads[i] = (System.nanoTime() - start) / 1e6;
            if (bytes == 0) {
                throw new IllegalStateException("empty state directory");
            }
        }
        double first = opens[0];
        double[] later = Arrays.copyOfRange(opens, 1, repeats);
        return new Result(layout, Workload.size(directory), first, firstCpu, median(later), median(reads));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long readAll(Path directory) {
        long total = 0;
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.toList()) {
                total += Files.readAllBytes(file).length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
