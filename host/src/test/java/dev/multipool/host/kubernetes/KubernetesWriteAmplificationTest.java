package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.RESOURCE_POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.sectionOf;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.withAllocated;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.DRA;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.DRA_PRE_ALLOCATION;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.ResourceDocument;
import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write amplification (spec M31, M40): 1,000 allocate and release calls per consumer within one
 * node update interval cost at most 2 PUTs of the CiliumNode per consumer, counted from the mock's
 * request log (and per consumer from the host's node write counter), and the one write after the
 * burst carries the final demand.
 */
class KubernetesWriteAmplificationTest {

    private static final String NODE = "node-a";
    /**
     * Long enough for the 2,000 calls of both consumers on a loaded 2-core machine (about 5 s at
     * worst so far), short enough to keep the test quick; production's default is 15 s.
     */
    private static final Duration UPDATE_RATE = Duration.ofSeconds(10);
    private static final int KEPT = 10;

    @TempDir
    Path dir;

    @Test
    @DisplayName("M31: 1,000 allocate+release calls per consumer within one update interval cost at most 2 PUTs "
            + "per consumer")
    void burstWithinOneIntervalCostsAtMostTwoPutsPerConsumer() throws Exception {
        try (MockApiServer api = MockApiServer.start(dir)) {
            ResourceDocument node = withAllocated(CiliumObjects.node(NODE), POOLS,
                    entries(allocation("default", "10.0.22.0/24", "fd00:22::/96")));
            api.createCiliumNode(withAllocated(node, RESOURCE_POOLS,
                    entries(allocation("sriov", "192.168.50.0/24", "fd50::/96"))));
            try (KubernetesHost host = KubernetesHost.builder(api, dir.resolve("host")).nodeName(NODE)
                    .updateRate(UPDATE_RATE)
                    .args(POD_PRE_ALLOCATION, "default=16", DRA_PRE_ALLOCATION, "sriov=16").start()) {
                HostRest rest = host.rest();
                // the first writes (and any conflict between them) are over before the counts are taken
                await().atMost(WAIT).until(() -> written(host, POD) >= 1 && written(host, DRA) >= 1);
                int putsBefore = host.nodePuts().size();
                double podBefore = attempts(host, POD);
                double draBefore = attempts(host, DRA);

                long started = System.nanoTime();
                burst(rest);
                keep(rest, POD, "default");
                keep(rest, DRA, "sriov");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(took).as("precondition: the burst fits in one update interval").isLessThan(UPDATE_RATE);

                await().atMost(UPDATE_RATE.plus(WAIT)).untilAsserted(() -> {
                    ResourceDocument stored = api.ciliumNode(NODE).orElseThrow();
                    assertThat(stored.get("spec", "ipam", "pools", "requested"))
                            .contains(List.of(request("default", 32, 16)));
                    assertThat(stored.get("spec", "ipam", "resourcepools", "requested"))
                            .contains(List.of(request("sriov", 32, 16)));
                });
                assertThat(host.nodePuts().size() - putsBefore).isBetween(2, 4);
                assertThat(attempts(host, POD) - podBefore).isBetween(1.0, 2.0);
                assertThat(attempts(host, DRA) - draBefore).isBetween(1.0, 2.0);
                assertThat(rest.allocations(POD, "ipv4").get("default")).hasSize(KEPT);
                assertThat(sectionOf(api.ciliumNode(NODE).orElseThrow(), POOLS)).isPresent();
                CiliumNodeSchema.assertValidPuts(host.nodePuts());
            }
        }
    }

    /**
     * 1,000 calls per consumer: 500 allocate+release pairs from two threads each, as a busy node's
     * CNI sends them, all four threads at once.
     */
    private static void burst(HostRest rest) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String[] target : List.of(new String[] {POD, "default"}, new String[] {DRA, "sriov"})) {
                for (int t = 0; t < 2; t++) {
                    String prefix = target[0] + "-" + t + "-";
                    running.add(threads.submit(() -> {
                        for (int i = 0; i < 250; i++) {
                            rest.release(target[0], rest.allocateNext(target[0], "ipv4", target[1], prefix + i), target[1]);
                        }
                    }));
                }
            }
            for (Future<?> thread : running) {
                thread.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Allocations that stay, so the final demand differs from the initial one. */
    private static void keep(HostRest rest, String consumer, String pool) {
        for (int i = 0; i < KEPT; i++) {
            rest.allocateNext(consumer, "ipv4", pool, consumer + "-kept-" + i);
        }
    }

    /** PUTs a consumer's node writer sent (written, refused with a conflict, or failed). */
    private static double attempts(KubernetesHost host, String consumer) {
        return writes(host, consumer, outcome -> !"unchanged".equals(outcome));
    }

    private static double written(KubernetesHost host, String consumer) {
        return writes(host, consumer, "written"::equals);
    }

    private static double writes(KubernetesHost host, String consumer, Predicate<String> outcomes) {
        double total = 0;
        for (MetricSnapshot snapshot : host.host().metrics().registry().scrape()) {
            if (snapshot instanceof CounterSnapshot counter && counter.getMetadata().getName().equals("multipool_node_writes")) {
                for (CounterSnapshot.CounterDataPointSnapshot point : counter.getDataPoints()) {
                    if (consumer.equals(point.getLabels().get("consumer")) && outcomes.test(point.getLabels().get("outcome"))) {
                        total += point.getValue();
                    }
                }
            }
        }
        return total;
    }
}
