package dev.multipool.bench.restore;

import dev.multipool.bench.support.WorkDirectory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final Path home;
    private final Path work;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

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
        Files.writeString(work.resolve("pools.yaml"), """
                apiVersion: cilium.io/v2alpha1
                kind: CiliumPodIPPool
                metadata:
                  name: default
                spec:
                  ipv4:
                    cidrs: ["10.64.0.0/13"]
                    maskSize: 22
                """);
        Path full = work.resolve("full");
        Path empty = work.resolve("empty");
        Process filling = start(full);
        awaitHealthy(full, filling);
        long fillStart = System.nanoTime();
        fill(full, records);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        filling.destroyForcibly().waitFor();
        System.out.printf(Locale.ROOT, "filled %d allocations through the REST API in %.1f s, then kill -9%n",
                records, fillSeconds);

        List<Double> baseline = new ArrayList<>();
        List<Double> emptyStart = new ArrayList<>();
        List<Double> fullStart = new ArrayList<>();
        timedStart(empty);
        for (int i = 0; i < runs; i++) {
            baseline.add(javaVersion());
            emptyStart.add(timedStart(empty));
            fullStart.add(timedStart(full));
        }
        int restored = restoredCount(full);
        if (restored != records) {
            throw new IllegalStateException("the host restored " + restored + " allocations, not " + records);
        }
        double base = median(baseline);
        System.out.printf(Locale.ROOT, "%nMachine: %d CPUs, %s %s, %s %s; load average at the end %.1f; %s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                LocalDate.now());
        System.out.println("| what (" + runs + " runs each, interleaved) | median | min | max | median / java -version |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("`java -version` (baseline)", baseline, base);
        row("host, empty state: exec to /v1/healthz 200", emptyStart, base);
        row("host, " + records + " records after kill -9: exec to /v1/healthz 200", fullStart, base);
        System.out.printf(Locale.ROOT, "%nRestore cost (median full - median empty): %.0f ms%n",
                median(fullStart) - median(emptyStart));
    }

    private Process start(Path dir) throws IOException {
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/multipool-host").toString(), "--standalone",
                "--standalone-pools", work.resolve("pools.yaml").toString(), "--state-dir", dir.resolve("state").toString(),
                "--socket-path", dir.resolve("api.sock").toString(), "--k8s-node-name", "bench-node",
                "--ipam-cilium-node-update-rate", "100ms", "--ipam-multi-pool-pre-allocation", "default=2048",
                "--consumers", "pod");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("host.log").toFile()));
        return builder.start();
    }

    /** Starts the host on a state directory, waits for /v1/healthz 200, kills it with SIGKILL. */
    private double timedStart(Path dir) throws Exception {
        long start = System.nanoTime();
        Process host = start(dir);
        awaitHealthy(dir, host);
        double millis = (System.nanoTime() - start) / 1e6;
        host.destroyForcibly().waitFor();
        return millis;
    }

    private static void awaitHealthy(Path dir, Process host) throws InterruptedException {
        Path socket = dir.resolve("api.sock");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (UnixHttp.status(socket, "/v1/healthz") != 200) {
            if (!host.isAlive() || System.nanoTime() > deadline) {
                host.destroyForcibly();
                throw new IllegalStateException("the host did not become healthy; see " + dir.resolve("host.log"));
            }
            Thread.sleep(2);
        }
    }

    private double javaVersion() throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("java -version failed");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Allocates {@code records} addresses for distinct owners with 32 concurrent clients. */
    private static void fill(Path dir, int records) throws Exception {
        Path socket = dir.resolve("api.sock");
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 32; c++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < records; i = next.getAndIncrement()) {
                    int status;
                    while ((status = UnixHttp.send(socket, "POST", "/v1/ipam?owner=bench/pod-" + i).status()) == 502) {
                        Thread.sleep(10);
                    }
                    if (status != 201) {
                        throw new IllegalStateException("allocation " + i + " answered " + status);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();
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
        System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms | %.2f |%n", what, median(millis),
                Collections.min(millis), Collections.max(millis), median(millis) / baseline);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
