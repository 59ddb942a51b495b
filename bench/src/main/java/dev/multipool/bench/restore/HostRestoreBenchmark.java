package dev.multipool.bench.restore;

import dev.multipool.bench.support.Fill;
import dev.multipool.bench.support.HostProcess;
import dev.multipool.bench.support.Machine;
import dev.multipool.bench.support.PoolsFile;
import dev.multipool.bench.support.Samples;
import dev.multipool.bench.support.WorkDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restore after {@code kill -9}, measured on the real host process: fills a standalone host's
 * state with N acknowledged allocations through its REST API, kills it with SIGKILL, then times
 * several restarts from exec to the first {@code /v1/healthz} 200 (each again ended by SIGKILL).
 * Baselines in the same run, interleaved: {@code java -version} (the JVM's own start) and the
 * host with an empty state directory (the host's start without restore). Prints Markdown for
 * docs/benchmarks.md ("7. Restore").
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.multipool.bench.restore.HostRestoreBenchmark \
 *     dist/target/multipool /tmp/mp-restore-bench 100000 7
 * </pre>
 */
public final class HostRestoreBenchmark {

    private static final Pattern RESTORED = Pattern.compile("consumer pod: restored (\\d+) allocation");
    private static final int FILL_CLIENTS = 32;

    private final Path home;
    private final Path work;

    private HostRestoreBenchmark(Path home, Path work) {
        this.home = home;
        this.work = work;
    }

    /**
     * Runs the benchmark.
     *
     * @param args distribution home (default {@code dist/target/multipool}), working directory
     *     (default a new temporary one), records (100000), timed restarts of each kind (7)
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "dist/target/multipool").toAbsolutePath();
        Path work = WorkDirectory.prepare(args, 1, "multipool-restore-bench");
        int records = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        if (!Files.isExecutable(home.resolve("bin/multipool-host"))) {
            throw new IllegalArgumentException(home + "/bin/multipool-host not found: build the distribution first");
        }
        new HostRestoreBenchmark(home, work).run(records, runs);
    }

    private void run(int records, int runs) throws Exception {
        System.out.println("Start: " + Machine.describe());
        Files.writeString(work.resolve("pools.yaml"), PoolsFile.defaultIpv4("10.64.0.0/13", 22));
        Path full = work.resolve("full");
        Path empty = work.resolve("empty");
        HostProcess filling = start(full);
        filling.awaitHealthy();
        long fillStart = System.nanoTime();
        Fill.distinctOwners(filling.socket(), records, FILL_CLIENTS);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        filling.kill();
        System.out.printf(Locale.ROOT, "filled %d allocations through the REST API in %.1f s, then kill -9%n",
                records, fillSeconds);

        List<Double> baseline = new ArrayList<>();
        List<Double> emptyStart = new ArrayList<>();
        List<Double> fullStart = new ArrayList<>();
        timedStart(empty);
        for (int i = 0; i < runs; i++) {
            baseline.add(Machine.javaVersionMillis());
            emptyStart.add(timedStart(empty));
            fullStart.add(timedStart(full));
        }
        int restored = restoredCount(full);
        if (restored != records) {
            throw new IllegalStateException("the host restored " + restored + " allocations, not " + records);
        }
        double base = Samples.of(baseline).median();
        System.out.println("\nEnd: " + Machine.describe() + "\n");
        System.out.println("| what (" + runs + " runs each, interleaved) | median | min | max | median ÷ `java -version` |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("`java -version` (baseline)", baseline, base);
        row("host, empty state: exec to `/v1/healthz` 200", emptyStart, base);
        row(String.format(Locale.ROOT, "host, %,d records after `kill -9`: exec to `/v1/healthz` 200", records),
                fullStart, base);
        System.out.printf(Locale.ROOT, "%nRestore cost (median full - median empty): %.0f ms%n",
                Samples.of(fullStart).median() - Samples.of(emptyStart).median());
    }

    private HostProcess start(Path dir) throws IOException {
        Path socket = dir.resolve("api.sock");
        List<String> args = List.of("--standalone", "--standalone-pools", work.resolve("pools.yaml").toString(),
                "--state-dir", dir.resolve("state").toString(), "--socket-path", socket.toString(),
                "--k8s-node-name", "bench-node", "--ipam-cilium-node-update-rate", "100ms",
                "--ipam-multi-pool-pre-allocation", "default=2048", "--consumers", "pod");
        return HostProcess.start(home, socket, dir.resolve("host.log"), args, Map.of());
    }

    /** Starts the host on a state directory, waits for /v1/healthz 200, kills it with SIGKILL. */
    private double timedStart(Path dir) throws Exception {
        HostProcess host = start(dir);
        try {
            return host.awaitHealthy();
        } finally {
            host.kill();
        }
    }

    /** The count of the last "restored N allocation(s)" line of the host's log. */
    private static int restoredCount(Path dir) throws IOException {
        int count = -1;
        Matcher matcher = RESTORED.matcher(Files.readString(dir.resolve("host.log")));
        while (matcher.find()) {
            count = Integer.parseInt(matcher.group(1));
        }
        return count;
    }

    private static void row(String what, List<Double> millis, double baseline) {
        Samples samples = Samples.of(millis);
        System.out.printf(Locale.ROOT, "| %s | %,.0f ms | %,.0f ms | %,.0f ms | %.2f |%n", what, samples.median(),
                samples.min(), samples.max(), samples.median() / baseline);
    }
}
