package dev.multipool.bench.startup;

import dev.multipool.bench.support.HostProcess;
import dev.multipool.bench.support.Machine;
import dev.multipool.bench.support.Samples;
import dev.multipool.bench.support.WorkDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up of the real host process in standalone mode with both plugins ({@code pod} and
 * {@code dra}) and the distribution's example pool file: from the exec of {@code bin/multipool-host}
 * to the first {@code /v1/healthz} 200, beside {@code java -version} (the baseline: the same JVM
 * starting and exiting), interleaved in the same run. Two kinds of host start: on a new, empty
 * state directory (the node document is created, the embedded operator delegates the first CIDRs)
 * and a restart on the state left by the previous start (stopped with SIGTERM), each without and
 * with the class-data sharing archive that {@code bin/multipool-cds} writes (made first, in the same
 * run). The host's log timestamps show where the time goes. Prints Markdown for docs/benchmarks.md ("4. Startup").
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.multipool.bench.startup.StartupBenchmark \
 *     dist/target/multipool /tmp/mp-startup-bench [runs=5]
 * </pre>
 */
public final class StartupBenchmark {

    private static final String NEW = "host, new state directory";
    private static final String RESTART = "host, restart";
    private static final String NEW_CDS = "host, new state directory, CDS archive";
    private static final String RESTART_CDS = "host, restart, CDS archive";

    /** Log lines marking the phases of a start, in the order they happen. */
    private static final Map<String, String> PHASES = phases();

    private StartupBenchmark() {
    }

    private static Map<String, String> phases() {
        Map<String, String> phases = new LinkedHashMap<>();
        phases.put("plugins loaded", "Loaded 2 consumer(s)");
        phases.put("consumer pod: allocations restored", "consumer pod: restored");
        phases.put("REST API listening", "REST API listening on");
        phases.put("consumer dra ready", "consumer dra is ready");
        phases.put("consumer pod ready", "consumer pod is ready");
        return phases;
    }

    /**
     * Runs the benchmark.
     *
     * @param args distribution home, working directory, runs of each kind
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "dist/target/multipool").toAbsolutePath();
        Path work = WorkDirectory.prepare(args, 1, "multipool-startup-bench");
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.println("Start: " + Machine.describe());
        Path archive = work.resolve("multipool.jsa");
        createArchive(home, archive);
        Map<String, String> withCds = Map.of("MULTIPOOL_CDS_ARCHIVE", archive.toString());
        Map<String, String> withoutCds = Map.of("MULTIPOOL_CDS_ARCHIVE", work.resolve("no-archive").toString());
        List<Double> baseline = new ArrayList<>();
        Map<String, Map<String, List<Double>>> kinds = new LinkedHashMap<>();
        for (String kind : List.of(NEW, RESTART, NEW_CDS, RESTART_CDS)) {
            kinds.put(kind, new LinkedHashMap<>());
        }
        start(home, work.resolve("warm-up"), withoutCds, new LinkedHashMap<>()); // fills the page cache
        for (int i = 0; i < runs; i++) {
            baseline.add(Machine.javaVersionMillis());
            start(home, work.resolve("run-" + i), withoutCds, kinds.get(NEW));
            start(home, work.resolve("run-" + i), withoutCds, kinds.get(RESTART));
            start(home, work.resolve("run-cds-" + i), withCds, kinds.get(NEW_CDS));
            start(home, work.resolve("run-cds-" + i), withCds, kinds.get(RESTART_CDS));
        }
        double base = Samples.of(baseline).median();
        System.out.printf(Locale.ROOT, "%n%d runs of each, interleaved; ms from exec to the first `/v1/healthz` 200%n%n",
                runs);
        System.out.println("| what | median | min | max | median ÷ `java -version` |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("`java -version` (baseline)", baseline, base);
        kinds.forEach((kind, times) -> row(kind, times.get("healthz 200"), base));
        System.out.println("\nPhases (median ms from exec, from the host's log timestamps)\n");
        System.out.print("| phase |");
        kinds.keySet().forEach(kind -> System.out.print(" " + kind + " |"));
        System.out.println("\n|---|" + "---:|".repeat(kinds.size()));
        for (String phase : kinds.get(NEW).keySet()) {
            System.out.print("| " + phase + " |");
            for (Map<String, List<Double>> times : kinds.values()) {
                List<Double> values = times.get(phase);
                System.out.printf(Locale.ROOT, " %s |", values == null ? "–"
                        : String.format(Locale.ROOT, "%.0f", Samples.of(values).median()));
            }
            System.out.println();
        }
        System.out.println("\nEnd: " + Machine.describe());
    }

    /** Runs {@code bin/multipool-cds} to write an archive for this JVM and distribution. */
    private static void createArchive(Path home, Path archive) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/multipool-cds").toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("MULTIPOOL_CDS_ARCHIVE", archive.toString());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                archive.resolveSibling("multipool-cds.log").toFile()));
        long started = System.nanoTime();
        if (builder.start().waitFor() != 0 || !Files.exists(archive)) {
            throw new IllegalStateException("bin/multipool-cds failed; see multipool-cds.log");
        }
        System.out.printf(Locale.ROOT, "bin/multipool-cds wrote a %.1f MiB archive in %.1f s%n",
                Files.size(archive) / 1048576.0, (System.nanoTime() - started) / 1e9);
    }

    private static void start(Path home, Path dir, Map<String, String> env, Map<String, List<Double>> times)
            throws Exception {
        Path log = dir.resolve("host-" + System.nanoTime() + ".log");
        List<String> args = List.of("--standalone", "--standalone-pools", home.resolve("conf/pools.yaml").toString(),
                "--state-dir", dir.resolve("state").toString(), "--socket-path", dir.resolve("api.sock").toString(),
                "--k8s-node-name", "bench-node");
        try (HostProcess host = HostProcess.start(home, dir.resolve("api.sock"), log, args, env)) {
            double healthy = host.awaitHealthy();
            Thread.sleep(300); // lets the log catch up with the phases that end after healthz (none expected)
            host.close();
            for (Map.Entry<String, String> phase : PHASES.entrySet()) {
                double at = logTime(log, phase.getValue(), host.startEpochMillis());
                if (!Double.isNaN(at)) {
                    times.computeIfAbsent(phase.getKey(), k -> new ArrayList<>()).add(at);
                }
            }
            times.computeIfAbsent("healthz 200", k -> new ArrayList<>()).add(healthy);
        }
    }

    /** Milliseconds from the exec to the first log line containing the text, or NaN. */
    private static double logTime(Path log, String text, long startEpochMillis) throws IOException {
        for (String line : Files.readAllLines(log)) {
            if (line.contains(text) && line.length() > 29 && Character.isDigit(line.charAt(0))) {
                long at = OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant().toEpochMilli();
                return at - startEpochMillis;
            }
        }
        return Double.NaN;
    }

    private static void row(String what, List<Double> millis, double baseline) {
        Samples samples = Samples.of(millis);
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.1f |%n", what, samples.median(), samples.min(),
                samples.max(), samples.median() / baseline);
    }
}
