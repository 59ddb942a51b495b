package dev.multipool.bench.apicost;

import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import dev.multipool.bench.support.KeepAliveHttp;
import dev.multipool.bench.support.Machine;
import dev.multipool.bench.support.WorkDirectory;
import dev.multipool.host.HostLauncher;
import dev.multipool.host.RunningHost;
import dev.multipool.host.config.HostEnvironment;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * API server cost: how many times the host PUTs its CiliumNode while it hands out 10,000
 * addresses, counted in the request log of fabric8's CRUD mock API server (the host's test fixture
 * {@link MockApiServer}). Two real in-process hosts in Kubernetes mode with the pod plugin, on two
 * nodes of the same mock, get the same paced load in the same run: one with the default update
 * rate (15 s), and the baseline with a 1 ns update rate, i.e. the same writer without debounce,
 * writing whenever its section changed and its previous PUT is done. Each node has a /16 delegated
 * up front (no operator runs), so every write is a demand change. Prints Markdown for
 * docs/benchmarks.md ("6. API server cost").
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.multipool.bench.apicost.ApiServerCostBenchmark \
 *     dist/target/multipool/plugins /tmp/mp-apicost-bench [allocations=10000] [seconds=60]
 * </pre>
 */
public final class ApiServerCostBenchmark {

    private static final String POOL = "default";
    private static final java.util.logging.Logger QUIET_MOCK = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private ApiServerCostBenchmark() {
    }

    /** One host under test: its node, socket and update rate. */
    private record Subject(String label, String node, String updateRate, Path socket, RunningHost host) {
    }

    /**
     * Runs the benchmark.
     *
     * @param args plugins directory, working directory, allocations, seconds to spread them over
     * @throws Exception if a step fails
     */
    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "dist/target/multipool/plugins").toAbsolutePath();
        Path work = WorkDirectory.prepare(args, 1, "multipool-apicost-bench");
        int allocations = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 60;
        QUIET_MOCK.setLevel(java.util.logging.Level.WARNING); // the mock logs every request through JUL
        System.out.println("Start: " + Machine.describe());
        try (MockApiServer api = MockApiServer.start(work)) {
            api.createPool(PoolKind.CILIUM_POD_IP_POOL, ResourceDocument.of(Map.of("apiVersion",
                    PoolKind.CILIUM_POD_IP_POOL.apiVersion(), "kind", PoolKind.CILIUM_POD_IP_POOL.kind(),
                    "metadata", Map.of("name", POOL),
                    "spec", Map.of("ipv4", Map.of("cidrs", List.of("10.64.0.0/12"), "maskSize", 16)))));
            List<Subject> subjects = List.of(
                    start(api, work, plugins, "default update rate (15s)", "node-default", "15s", "10.64.0.0/16"),
                    start(api, work, plugins, "no debounce (1ns), baseline", "node-eager", "1ns", "10.65.0.0/16"));
            try {
                run(api, subjects, allocations, seconds);
            } finally {
                subjects.forEach(subject -> subject.host().close());
            }
        }
        System.out.println("\nEnd: " + Machine.describe());
    }

    private static Subject start(MockApiServer api, Path work, Path plugins, String label, String node,
                                 String updateRate, String cidr) throws Exception {
        api.createCiliumNode(ResourceDocument.of(Map.of("apiVersion", "cilium.io/v2", "kind", "CiliumNode",
                "metadata", Map.of("name", node),
                "spec", Map.of("ipam", Map.of("pools", Map.of("allocated",
                        List.of(Map.of("pool", POOL, "cidrs", List.of(cidr)))))))));
        Path dir = work.resolve(node);
        Files.createDirectories(dir);
        Path socket = dir.resolve("api.sock");
        List<String> args = List.of("--k8s-kubeconfig-path", api.kubeconfig().toString(), "--k8s-node-name", node,
                "--state-dir", dir.resolve("state").toString(), "--socket-path", socket.toString(),
                "--plugins-dir", plugins.toString(), "--consumers", "pod",
                "--ipam-cilium-node-update-rate", updateRate);
        RunningHost host = ((HostLauncher.Started) HostLauncher.launch(args,
                HostEnvironment.fixed(Map.of(), Map.of(), "bench-host", dir))).host();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (KeepAliveHttp.status(socket, "/v1/healthz") != 200) {
            if (System.nanoTime() > deadline) {
                host.close();
                throw new IllegalStateException("host on " + node + " did not become healthy within 60 s");
            }
            Thread.sleep(20);
        }
        return new Subject(label, node, updateRate, socket, host);
    }

    private static void run(MockApiServer api, List<Subject> subjects, int allocations, double seconds)
            throws Exception {
        long[] idle = new long[subjects.size()];
        long[] before = new long[subjects.size()];
        for (int i = 0; i < subjects.size(); i++) {
            before[i] = api.requests().ciliumNodePuts(subjects.get(i).node());
        }
        double idleSeconds = 20;
        Thread.sleep((long) (idleSeconds * 1000));
        for (int i = 0; i < subjects.size(); i++) {
            idle[i] = api.requests().ciliumNodePuts(subjects.get(i).node()) - before[i];
            before[i] += idle[i];
        }
        long started = System.nanoTime();
        List<Thread> loads = new ArrayList<>();
        for (Subject subject : subjects) {
            Thread load = new Thread(() -> paced(subject.socket(), allocations, seconds), "load-" + subject.node());
            loads.add(load);
            load.start();
        }
        for (Thread load : loads) {
            load.join();
        }
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(16_000); // one default update interval, for the trailing write
        System.out.printf(Locale.ROOT, "%n%,d allocations per host over %.1f s (%.0f per second), distinct owners, "
                + "then 16 s for the trailing write; idle before: %.0f s%n%n", allocations, loadSeconds,
                allocations / loadSeconds, idleSeconds);
        System.out.println("| writer | CiliumNode PUTs during the load | PUTs per 10,000 allocations | idle PUTs in "
                + (int) idleSeconds + " s | ÷ baseline |");
        System.out.println("|---|---:|---:|---:|---:|");
        long baseline = api.requests().ciliumNodePuts(subjects.get(subjects.size() - 1).node())
                - before[subjects.size() - 1];
        for (int i = 0; i < subjects.size(); i++) {
            long puts = api.requests().ciliumNodePuts(subjects.get(i).node()) - before[i];
            System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %d | %.4f |%n", subjects.get(i).label(), puts,
                    puts * 10_000.0 / allocations, idle[i], (double) puts / baseline);
        }
    }

    /** Allocates {@code count} addresses for distinct owners, due at an even pace over {@code seconds}. */
    private static void paced(Path socket, int count, double seconds) {
        long period = (long) (seconds * 1e9 / count);
        long begin = System.nanoTime();
        AtomicInteger failures = new AtomicInteger();
        try (KeepAliveHttp http = new KeepAliveHttp(socket)) {
            for (int i = 0; i < count; i++) {
                long wait;
                while ((wait = begin + i * period - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int status = http.send("POST", "/v1/ipam?owner=bench/pod-" + i + "&pool=" + POOL).status();
                if (status != 201) {
                    failures.incrementAndGet();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("load on " + socket + " failed", e);
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " allocations on " + socket + " failed");
        }
    }
}
