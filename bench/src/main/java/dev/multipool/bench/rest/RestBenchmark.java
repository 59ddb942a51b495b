package dev.multipool.bench.rest;

import dev.multipool.bench.support.Machine;
import dev.multipool.bench.support.Samples;
import dev.multipool.bench.support.WorkDirectory;
import dev.multipool.host.state.JournalStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Load generator for the REST API on the unix socket: allocate+release cycles against a real
 * in-process host (the pod plugin from the distribution) with the allocation state on (every reply
 * waits for the journal's group commit) and off, and against a constant-response Jetty handler
 * (the baseline) on the same kind of socket, in the same JVM and run. Closed loop with 1, 8 and 32
 * clients, rounds interleaved; then an open-loop run at a fixed rate. Prints Markdown for
 * docs/benchmarks.md ("3. REST API over the unix socket").
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.multipool.bench.rest.RestBenchmark \
 *     dist/target/multipool/plugins /tmp/mp-rest-bench [seconds=5] [rounds=3] [rate=1000] [all|paced]
 * </pre>
 */
public final class RestBenchmark {

    private static final int[] CLIENTS = {1, 8, 32};
    private static final double WARMUP_SECONDS = 2;
    private static final double PACED_SECONDS = 15;
    private static final int PACED_CONNECTIONS = 16;
    private static final double PACED_WARMUP_SECONDS = 3;

    private RestBenchmark() {
    }

    /** One target of the load: its name, socket and (for state on) its journal counters. */
    private record Target(String name, Path socket, InProcessHost host) {
        JournalStatistics statistics() {
            return host == null ? null : host.statistics();
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args plugins directory, working directory, seconds per closed-loop run, rounds,
     *     paced rate in requests per second, {@code paced} to run only the open-loop part
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "dist/target/multipool/plugins").toAbsolutePath();
        Path work = WorkDirectory.prepare(args, 1, "multipool-rest-bench");
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        double rate = args.length > 4 ? Double.parseDouble(args[4]) : 1000;
        boolean pacedOnly = args.length > 5 && args[5].equals("paced");
        System.out.println("Start: " + Machine.describe());

        try (ConstantServer baseline = ConstantServer.start(work.resolve("constant.sock"));
             InProcessHost off = InProcessHost.start(work.resolve("host-state-off"), plugins, false, List.of());
             InProcessHost on = InProcessHost.start(work.resolve("host-state-on"), plugins, true, List.of())) {
            List<Target> targets = List.of(new Target("constant Jetty handler (baseline)", work.resolve("constant.sock"), null),
                    new Target("host, state off", off.socket(), null), new Target("host, state on", on.socket(), on));
            if (!pacedOnly) {
                closedLoop(targets, seconds, rounds);
            }
            paced(targets, rate, work);
        }
        System.out.println("\nEnd: " + Machine.describe());
    }

    private static void closedLoop(List<Target> targets, double seconds, int rounds) throws Exception {
        Map<String, List<ClosedLoop.Result>> results = new LinkedHashMap<>();
        Map<Integer, long[]> commits = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int clients : CLIENTS) {
                for (Target target : targets) {
                    JournalStatistics before = target.statistics();
                    ClosedLoop.Result result = ClosedLoop.run(target.socket(), clients, WARMUP_SECONDS, seconds);
                    results.computeIfAbsent(target.name() + "|" + clients, k -> new ArrayList<>()).add(result);
                    if (before != null) {
                        JournalStatistics after = target.statistics();
                        long[] sum = commits.computeIfAbsent(clients, k -> new long[2]);
                        sum[0] += after.appends() - before.appends();
                        sum[1] += after.commits() - before.commits();
                    }
                    System.err.printf(Locale.ROOT, "round %d, %d clients, %s: %.0f requests/s, p50 %.3f ms, p99 %.3f ms%n",
                            round + 1, clients, target.name(), result.requestsPerSecond(),
                            result.latencyMillis().median(), result.latencyMillis().percentile(99));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nClosed loop, %d rounds of %.0f s (after %.0f s of warm-up) per cell; "
                + "requests/s: median of the rounds (lowest–highest); ratio = median / baseline's median%n%n",
                rounds, seconds, WARMUP_SECONDS);
        System.out.print("| clients |");
        targets.forEach(t -> System.out.print(" " + t.name() + " |"));
        System.out.println(" state off ÷ baseline | state on ÷ baseline |");
        System.out.println("|---:|" + "---:|".repeat(targets.size() + 2));
        for (int clients : CLIENTS) {
            System.out.print("| " + clients + " |");
            double[] medians = new double[targets.size()];
            for (int i = 0; i < targets.size(); i++) {
                Samples rates = Samples.of(results.get(targets.get(i).name() + "|" + clients).stream()
                        .mapToDouble(ClosedLoop.Result::requestsPerSecond).toArray());
                medians[i] = rates.median();
                System.out.printf(Locale.ROOT, " %,.0f (%,.0f–%,.0f) |", rates.median(), rates.min(), rates.max());
            }
            System.out.printf(Locale.ROOT, " %.2f | %.2f |%n", medians[1] / medians[0], medians[2] / medians[0]);
        }
        System.out.println("\nLatency per request (allocate or release), ms: p50 / p99, median of the rounds\n");
        System.out.print("| clients |");
        targets.forEach(t -> System.out.print(" " + t.name() + " |"));
        System.out.println();
        System.out.println("|---:|" + "---:|".repeat(targets.size()));
        for (int clients : CLIENTS) {
            System.out.print("| " + clients + " |");
            for (Target target : targets) {
                List<ClosedLoop.Result> runs = results.get(target.name() + "|" + clients);
                double p50 = Samples.of(runs.stream().mapToDouble(r -> r.latencyMillis().median()).toArray()).median();
                double p99 = Samples.of(runs.stream().mapToDouble(r -> r.latencyMillis().percentile(99)).toArray()).median();
                System.out.printf(Locale.ROOT, " %.3f / %.3f |", p50, p99);
            }
            System.out.println();
        }
        System.out.println("\nGroup commit with state on (all rounds): appends, forces, appends per force\n");
        System.out.println("| clients | appends | forces | appends per force |");
        System.out.println("|---:|---:|---:|---:|");
        commits.forEach((clients, sum) -> System.out.printf(Locale.ROOT, "| %d | %,d | %,d | %.2f |%n", clients,
                sum[0], sum[1], (double) sum[0] / Math.max(1, sum[1])));
    }

    private static void paced(List<Target> targets, double rate, Path work) throws Exception {
        System.out.printf(Locale.ROOT, "%nOpen loop: %.0f requests/s for %.0f s over %d connections (allocate and "
                + "release alternate), each after %.0f s of closed-loop warm-up; latency from the time each request "
                + "was due, ms%n%n", rate, PACED_SECONDS, PACED_CONNECTIONS, PACED_WARMUP_SECONDS);
        System.out.println("| target | requests | p50 | p90 | p99 | p99.9 | max | sent > 1 ms late | appends per force |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Target target : targets) {
            ClosedLoop.run(target.socket(), 8, 0, PACED_WARMUP_SECONDS); // JIT warm-up, not counted
            JournalStatistics before = target.statistics();
            OpenLoop.Result result = OpenLoop.run(target.socket(), rate, PACED_SECONDS, PACED_CONNECTIONS);
            String perForce = "–";
            if (before != null) {
                JournalStatistics after = target.statistics();
                perForce = String.format(Locale.ROOT, "%.2f", (double) (after.appends() - before.appends())
                        / Math.max(1, after.commits() - before.commits()));
            }
            Samples l = result.latencyMillis();
            System.out.printf(Locale.ROOT, "| %s | %,d | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %s |%n", target.name(),
                    result.requests(), l.median(), l.percentile(90), l.percentile(99), l.percentile(99.9), l.max(),
                    result.lateStarts(), perForce);
        }
        Samples force = ForceProbe.run(work, rate, PACED_SECONDS);
        System.out.printf(Locale.ROOT, "| raw write + force(false), one thread, same pace (the disk's floor) | %,d | %.3f "
                + "| %.3f | %.3f | %.3f | %.3f | – | – |%n", force.count(), force.median(), force.percentile(90),
                force.percentile(99), force.percentile(99.9), force.max());
    }
}
