package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.RESOURCE_POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.pool;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.sectionOf;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.DRA;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.DRA_PRE_ALLOCATION;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.PoolKind;
import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import dev.multipool.host.testing.kubernetes.TestOperator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The pod-like and the DRA-like consumer write the same CiliumNode while both operators write it
 * too, and a third of the host's PUTs are refused with 409 on top of the real conflicts. At the
 * end each section holds exactly what its owner last computed: the consumer's {@code requested}
 * is its dump's demand and its {@code allocated} its dump's CIDRs, no address handed out is lost,
 * and every block on the node is recorded by the operator that delegated it.
 */
class KubernetesConcurrencyTest {

    private static final String NODE = "node-a";

    @TempDir
    Path dir;

    @Test
    @DisplayName("pod and DRA consumers and both operators writing one CiliumNode with forced 409s: every section "
            + "ends as its owner last computed it")
    void concurrentWritersWithForcedConflicts() throws Exception {
        try (MockApiServer api = MockApiServer.start(dir)) {
            api.createPool(PoolKind.CILIUM_POD_IP_POOL, pool(PoolKind.CILIUM_POD_IP_POOL, "default", "10.1.0.0/16", 28,
                    "fd01::/104", 124));
            api.createPool(PoolKind.CILIUM_RESOURCE_IP_POOL, pool(PoolKind.CILIUM_RESOURCE_IP_POOL, "sriov",
                    "192.168.48.0/20", 28, "fd50::/104", 124));
            api.createCiliumNode(CiliumObjects.node(NODE));
            api.faults().conflicts(1.0 / 3, call -> call.method().equals("PUT")
                    && call.pathWithoutQuery().equals(MockApiServer.CILIUM_NODES_PATH + "/" + NODE));
            try (TestOperator pods = TestOperator.forPodPools(api.driver()).start();
                 TestOperator resources = TestOperator.forResourcePools(api.driver()).start();
                 KubernetesHost host = KubernetesHost.builder(api, dir.resolve("host")).nodeName(NODE)
                         .updateRate(Duration.ofMillis(20))
                         .args(POD_PRE_ALLOCATION, "default=4", DRA_PRE_ALLOCATION, "sriov=2").start()) {
                HostRest rest = host.rest();
                ExecutorService clients = Executors.newFixedThreadPool(2);
                Map<String, String> podHeld;
                Map<String, String> draHeld;
                try {
                    Future<Map<String, String>> podWork = clients.submit(() -> churn(rest, POD, null, "pod"));
                    Future<Map<String, String>> draWork = clients.submit(() -> churn(rest, DRA, "sriov", "claim"));
                    podHeld = podWork.get(90, TimeUnit.SECONDS);
                    draHeld = draWork.get(90, TimeUnit.SECONDS);
                } finally {
                    clients.shutdownNow();
                }

                assertThat(api.requests().fromHost(call -> call.status() == 409)).as("forced conflicts").isNotEmpty();
                api.faults().heal();
                rest.allocateNext(POD, "ipv4", null, "after-heal");
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(stored(api, POOLS)).isEqualTo(lastComputed(rest, POD));
                    assertThat(stored(api, RESOURCE_POOLS)).isEqualTo(lastComputed(rest, DRA));
                });

                assertThat(rest.allocations(POD, "ipv4").get("default")).containsAllEntriesOf(podHeld);
                assertThat(rest.allocations(DRA, "ipv4").get("sriov")).containsAllEntriesOf(draHeld);
                assertThat(blocksOn(api, POOLS)).isEqualTo(pods.blocksOf(NODE));
                assertThat(blocksOn(api, RESOURCE_POOLS)).isEqualTo(resources.blocksOf(NODE));
                CiliumNodeSchema.assertValidPuts(host.nodePuts());
                assertThat(HostRest.json(rest.healthzReply()).path("node-source").path("conflicts").asLong())
                        .isPositive();
            }
        }
    }

    /**
     * Allocates 40 addresses one by one, retrying each until its block is delegated, and releases
     * every third one; returns what stays held (address to owner).
     */
    private static Map<String, String> churn(HostRest rest, String consumer, String pool, String prefix) {
        Map<String, String> held = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            String owner = prefix + "-" + i;
            String ip = rest.allocateNextWhenDelegated(consumer, "ipv4", pool, owner).path("ipv4").path("ip").asString();
            if (i % 3 == 2) {
                rest.release(consumer, ip, pool == null ? "default" : pool);
            } else {
                held.put(ip, owner);
            }
        }
        return held;
    }

    private static Object stored(MockApiServer api, List<String> section) {
        return api.ciliumNode(NODE).flatMap(node -> sectionOf(node, section)).orElse(Map.of());
    }

    /** The section a consumer's manager computed last, rebuilt from {@code GET /v1/consumers/{id}}. */
    private static Map<String, Object> lastComputed(HostRest rest, String consumer) {
        List<Map<String, Object>> requested = new ArrayList<>();
        List<Map<String, Object>> allocated = new ArrayList<>();
        Map<String, JsonNode> pools = new TreeMap<>();
        for (JsonNode entry : rest.consumer(consumer).path("pools")) {
            pools.put(entry.path("name").asString(), entry);
        }
        pools.forEach((name, entry) -> {
            long v4 = entry.path("ipv4").path("demand").asLong();
            long v6 = entry.path("ipv6").path("demand").asLong();
            if (v4 != 0 || v6 != 0) {
                requested.add(CiliumObjects.request(name, v4, v6));
            }
            List<String> cidrs = new ArrayList<>();
            for (String family : List.of("ipv4", "ipv6")) {
                List<String> ofFamily = new ArrayList<>();
                entry.path(family).path("cidrs").forEach(cidr -> ofFamily.add(cidr.asString()));
                ofFamily.sort(null);
                cidrs.addAll(ofFamily);
            }
            if (!cidrs.isEmpty()) {
                allocated.add(CiliumObjects.allocation(name, cidrs.toArray(String[]::new)));
            }
        });
        return CiliumObjects.section(requested, allocated);
    }

    @SuppressWarnings("unchecked")
    private static Set<Cidr> blocksOn(MockApiServer api, List<String> section) {
        Set<Cidr> blocks = new HashSet<>();
        Object value = stored(api, section);
        for (Object entry : (List<Object>) ((Map<String, Object>) value).getOrDefault("allocated", List.of())) {
            for (Object cidr : (List<Object>) ((Map<String, Object>) entry).get("cidrs")) {
                blocks.add(Cidr.parse((String) cidr));
            }
        }
        return blocks;
    }
}
