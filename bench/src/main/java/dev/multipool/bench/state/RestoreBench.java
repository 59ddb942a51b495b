package dev.multipool.bench.state;

import dev.multipool.bench.support.WorkDirectory;
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
     * @param coldMillis open in a new JVM (what a host start pays), wall clock
     * @param coldCpuMillis CPU time of that JVM (all threads, JIT included) during the open
     * @param medianMillis the median of the opens in this (warm) JVM
     * @param baselineMillis the median time to read the same files' bytes
     */
    record Result(String layout, long bytes, double coldMillis, double coldCpuMillis, double medianMillis,
                  double baselineMillis) {
    }

    private RestoreBench() {
    }

    /**
     * Opens the journal once and prints wall and process CPU milliseconds; run in a new JVM.
     *
     * @param directory the state directory
     * @param records the records it must hold
     */
    static void openOnce(Path directory, int records) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        open(directory, records);
        System.out.println("COLD " + (System.nanoTime() - start) / 1e6 + " " + (processCpuNanos() - cpu) / 1e6);
    }

    /**
     * Measures the time to compact {@code records} live records (appends wait meanwhile).
     *
     * @return milliseconds
     */
    static double compactMillis(FileAllocationJournal journal) {
        long start = System.nanoTime();
        journal.compact();
        return (System.nanoTime() - start) / 1e6;
    }

    static List<Result> run(Path parent, int records, int repeats, double[] compaction) throws Exception {
        Path directory = Workload.freshDirectory(parent, "restore");
        List<Result> results = new ArrayList<>();
        try (FileAllocationJournal journal = new FileAllocationJournal(directory)) {
            journal.open();
            fill(journal, records);
        }
        results.add(measure("journal only (" + records + " records, 32 appenders)", directory, records, repeats));
        try (FileAllocationJournal journal = new FileAllocationJournal(directory)) {
            journal.open();
            compaction[0] = compactMillis(journal);
        }
        results.add(measure("snapshot (" + records + " records)", directory, records, repeats));
        WorkDirectory.delete(directory);
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

    private static Result measure(String layout, Path directory, int records, int repeats) throws Exception {
        double[] cold = coldOpen(directory, records);
        double[] opens = new double[repeats];
        double[] reads = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            open(directory, records);
            opens[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            long bytes = readAll(directory);
            reads[i] = (System.nanoTime() - start) / 1e6;
            if (bytes == 0) {
                throw new IllegalStateException("empty state directory");
            }
        }
        return new Result(layout, Workload.size(directory), cold[0], cold[1], median(opens), median(reads));
    }

    private static void open(Path directory, int records) {
        try (FileAllocationJournal journal = new FileAllocationJournal(directory)) {
            JournalContents contents = journal.open();
            if (contents.records().size() != records || !contents.problems().isEmpty()) {
                throw new IllegalStateException("restore read " + contents.records().size() + " records, "
                        + contents.problems());
            }
        }
    }

    /** Runs {@link #openOnce} in a new JVM; returns wall and CPU milliseconds. */
    private static double[] coldOpen(Path directory, int records) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StateBenchmark.class.getName(), "cold-open",
                directory.toString(), Integer.toString(records)).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (child.waitFor() != 0) {
            throw new IllegalStateException("cold open failed: " + output);
        }
        String line = output.lines().filter(text -> text.startsWith("COLD ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result from the cold open: " + output));
        String[] parts = line.split(" ");
        return new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
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
