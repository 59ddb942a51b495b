package dev.multipool.bench.memory;

import dev.multipool.bench.support.Fill;
import dev.multipool.bench.support.HostProcess;
import dev.multipool.bench.support.KeepAliveHttp;
import dev.multipool.bench.support.Machine;
import dev.multipool.bench.support.PoolsFile;
import dev.multipool.bench.support.WorkDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Memory of the real host process (the distribution's launcher and JVM options) with 1,048,576
 * addresses under management (one /12 delegated as a single block to the pod consumer) and 100,000
 * of them allocated to distinct owners through the REST API: resident set size and heap in use
 * after a full GC (through {@code jcmd}), against two baselines in the same run: an idle JVM with
 * the same options that loads nothing, and the same host with nothing allocated. Prints Markdown
 * for docs/benchmarks.md ("5. Memory").
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.multipool.bench.memory.MemoryBenchmark \
 *     dist/target/multipool /tmp/mp-memory-bench [allocations=100000]
 * </pre>
 */
public final class MemoryBenchmark {

    /** The distribution launcher's default JVM options (bin/multipool-host). */
    private static final List<String> LAUNCHER_OPTS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private static final String POOLS = PoolsFile.defaultIpv4("10.64.0.0/12", 12);

    private MemoryBenchmark() {
    }

    /** One measurement: resident set, its peak, heap used after a full GC, heap committed. */
    private record Footprint(long rssKb, long peakRssKb, long heapUsedKb, long heapCommittedKb) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args distribution home, working directory, allocations
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : "dist/target/multipool").toAbsolutePath();
        Path work = WorkDirectory.prepare(args, 1, "multipool-memory-bench");
        int allocations = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        System.out.println("Start: " + Machine.describe());

        Footprint idle = idleJvm();
        Files.writeString(work.resolve("pools.yaml"), POOLS);
        Path state = work.resolve("state-" + System.nanoTime());
        Path socket = work.resolve("api.sock");
        List<String> hostArgs = List.of("--standalone", "--standalone-pools", work.resolve("pools.yaml").toString(),
                "--state-dir", state.toString(), "--socket-path", socket.toString(), "--k8s-node-name", "bench-node",
                "--consumers", "pod");
        Footprint empty;
        Footprint full;
        String cidrs;
        try (HostProcess host = HostProcess.start(home, socket, work.resolve("host.log"), hostArgs, Map.of())) {
            host.awaitHealthy();
            Thread.sleep(2000);
            empty = measure(host.pid());
            long fillStart = System.nanoTime();
            Fill.distinctOwners(socket, allocations, 16);
            System.out.printf(Locale.ROOT, "allocated %,d addresses in %.1f s%n", allocations,
                    (System.nanoTime() - fillStart) / 1e9);
            Thread.sleep(2000);
            full = measure(host.pid());
            cidrs = delegated(socket);
        }
        System.out.println("\nPod consumer's delegated CIDRs: " + cidrs + "\n");
        System.out.println("| process | RSS | peak RSS | heap used after full GC | heap committed |");
        System.out.println("|---|---:|---:|---:|---:|");
        row("idle JVM, same options (baseline)", idle);
        row("host, /12 under management, 0 allocated", empty);
        row(String.format(Locale.ROOT, "host, /12 under management, %,d allocated", allocations), full);
        System.out.printf(Locale.ROOT, "%nPer allocated address: heap %.0f bytes, RSS %.0f bytes "
                + "(differences between the last two rows ÷ %,d)%n", (full.heapUsedKb() - empty.heapUsedKb()) * 1024.0
                / allocations, (full.rssKb() - empty.rssKb()) * 1024.0 / allocations, allocations);
        System.out.println("\nEnd: " + Machine.describe());
    }

    private static Footprint idleJvm() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAUNCHER_OPTS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Idle.class.getName()));
        Process idle = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (idle.getInputStream().read() < 0) {
                throw new IllegalStateException("the idle JVM did not start");
            }
            Thread.sleep(2000);
            return measure(idle.pid());
        } finally {
            idle.destroyForcibly().waitFor();
        }
    }

    /** Runs a full GC in the process, then reads its memory. */
    private static Footprint measure(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Thread.sleep(500);
        long used = 0;
        long committed = 0;
        for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
            // Serial GC: " def new generation   total 9792K, used 1234K [...", " tenured generation   total ..."
            if (line.contains("generation") && line.contains("total") && line.contains("used")) {
                committed += kilobytes(line, "total");
                used += kilobytes(line, "used");
            }
        }
        long rss = 0;
        long peak = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("VmHWM:")) {
                peak = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new Footprint(rss, peak, used, committed);
    }

    private static long kilobytes(String line, String label) {
        int at = line.indexOf(label) + label.length();
        String rest = line.substring(at).trim();
        return Long.parseLong(rest.substring(0, rest.indexOf('K')));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    private static String delegated(Path socket) throws IOException {
        try (KeepAliveHttp http = new KeepAliveHttp(socket)) {
            String body = http.send("GET", "/v1/consumers/pod").body();
            int at = body.indexOf("\"cidrs\"");
            return at < 0 ? body.substring(0, Math.min(300, body.length())) : body.substring(at, body.indexOf(']', at) + 1);
        }
    }

    private static void row(String what, Footprint footprint) {
        System.out.printf(Locale.ROOT, "| %s | %.1f MiB | %.1f MiB | %.1f MiB | %.1f MiB |%n", what,
                footprint.rssKb() / 1024.0, footprint.peakRssKb() / 1024.0, footprint.heapUsedKb() / 1024.0,
                footprint.heapCommittedKb() / 1024.0);
    }
}
