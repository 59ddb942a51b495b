package dev.multipool.bench.state;

import dev.multipool.bench.support.WorkDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Load generator for the allocation journal: restore time of 100,000 records and durable append
 * throughput with 1, 8 and 32 appenders, each against a baseline measured in the same run. Prints
 * Markdown tables for docs/benchmarks.md.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.multipool.bench.state.StateBenchmark [dir] [records] [seconds]
 * </pre>
 */
public final class StateBenchmark {

    private StateBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: working directory (default a new temporary one), records (100000),
     *     seconds per append measurement (3)
     * @throws Exception if a measurement fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("cold-open")) {
            RestoreBench.openOnce(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        Path parent = WorkDirectory.prepare(args, 0, "multipool-state-bench");
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3.0;

        System.out.println("| state on disk | size | open in a new JVM (its CPU time) | median open, warm JVM | "
                + "read bytes only (baseline) | warm open / baseline |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        double[] compaction = new double[1];
        for (RestoreBench.Result result : RestoreBench.run(parent, records, 7, compaction)) {
            System.out.printf(Locale.ROOT, "| %s | %.1f MiB | %.0f ms (%.0f ms) | %.0f ms | %.0f ms | %.1f |%n",
                    result.layout(), result.bytes() / 1048576.0, result.coldMillis(), result.coldCpuMillis(),
                    result.medianMillis(), result.baselineMillis(),
                    result.medianMillis() / Math.max(result.baselineMillis(), 0.001));
        }
        System.out.printf(Locale.ROOT, "%nCompaction of %d live records (appends wait meanwhile): %.0f ms%n%n",
                records, compaction[0]);
        System.out.println("| appenders | journal appends/s | appends per force | raw write+force/s (baseline) | ratio |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int threads : List.of(1, 8, 32)) {
            AppendBench.Result result = AppendBench.run(parent, threads, seconds);
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.1f | %.0f | %.2f |%n", result.threads(),
                    result.journalPerSecond(), result.entriesPerCommit(), result.baselinePerSecond(),
                    result.journalPerSecond() / result.baselinePerSecond());
        }
    }
}
