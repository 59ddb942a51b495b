package dev.multipool.host.testing.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.RESOURCE_POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocatedCidrs;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.pool;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.section;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link TestOperator} fixture on its own: rules O1–O5 against the mock API server. */
class TestOperatorTest {

    private static final PoolKind PODS = PoolKind.CILIUM_POD_IP_POOL;

    @TempDir
    Path dir;
    MockApiServer api;

    @BeforeEach
    void start() {
        api = MockApiServer.start(dir);
        api.createPool(PODS, pool(PODS, "mars", "10.0.8.0/21", 27, "fd00:11::/112", 123));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static ResourceDocument node(String name, Map<String, Object> pods) {
        return CiliumObjects.node(name).with(POOLS, pods)
                .with(List.of("metadata", "labels"), Map.of("keep", "me"))
                .with(List.of("spec", "addresses"), List.of(Map.of("type", "InternalIP", "ip", "192.168.0.10")));
    }

    private List<String> marsOf(String node) {
        return allocatedCidrs(api.ciliumNode(node).orElseThrow(), POOLS, "mars");
    }

    @Test
    @DisplayName("O1, O2 (S56): listed blocks are occupied first; 40 needed with one /27 delegated adds exactly one "
            + "/27; everything else on the node is kept")
    void delegatesWhatIsMissing() {
        api.createCiliumNode(node("node-a", section(entries(request("mars", 40, 0)),
                entries(allocation("mars", "10.0.8.0/27")))));
        try (TestOperator operator = TestOperator.forPodPools(api.driver()).start()) {
            await().atMost(WAIT).until(() -> marsOf("node-a").size() == 2);

            assertThat(marsOf("node-a")).containsExactly("10.0.8.0/27", "10.0.8.32/27");
            assertThat(operator.blocksOf("node-a")).containsExactlyInAnyOrder(Cidr.parse("10.0.8.0/27"),
                    Cidr.parse("10.0.8.32/27"));
            ResourceDocument stored = api.ciliumNode("node-a").orElseThrow();
            assertThat(stored.get("spec", "ipam", "pools", "requested")).contains(entries(request("mars", 40, 0)));
            assertThat(stored.labels()).containsEntry("keep", "me");
            assertThat(stored.get("spec", "addresses")).isPresent();
        }
    }

    @Test
    @DisplayName("O1 (S57): a block the node leaves out is freed and can go to another node; O5: a deleted node's "
            + "blocks are freed")
    void takesBackWhatTheNodeLeavesOut() {
        api.createCiliumNode(node("node-a", section(entries(request("mars", 10, 0)), entries())));
        try (TestOperator operator = TestOperator.forPodPools(api.driver()).start()) {
            await().atMost(WAIT).until(() -> marsOf("node-a").equals(List.of("10.0.8.0/27")));

            api.editCiliumNode("node-a", node -> node.with(POOLS, section(entries(), entries())));
            await().atMost(WAIT).until(() -> operator.blocksOf("node-a").isEmpty());
            api.createCiliumNode(node("node-b", section(entries(request("mars", 10, 0)), entries())));
            await().atMost(WAIT).until(() -> marsOf("node-b").equals(List.of("10.0.8.0/27")));

            api.deleteCiliumNode("node-b");
            await().atMost(WAIT).until(() -> operator.blocksOf("node-b").isEmpty());
            assertThat(marsOf("node-a")).isEmpty();
        }
    }

    @Test
    @DisplayName("O4: a reconcile error goes to status.ipam.operator-status.error and is cleared after a clean one")
    void writesAndClearsTheOperatorError() {
        api.createCiliumNode(node("node-a", section(entries(request("nope", 4, 0)), entries())));
        List<String> error = List.of("status", "ipam", "operator-status", "error");
        try (TestOperator operator = TestOperator.forPodPools(api.driver()).start()) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(api.ciliumNode("node-a").orElseThrow()
                    .get(error.toArray(String[]::new))).contains("CiliumPodIPPool allocation failed: pool \"nope\" "
                            + "requested by node node-a does not exist"));

            api.editCiliumNode("node-a", node -> node.with(POOLS, section(entries(request("mars", 4, 0)), entries())));

            await().atMost(WAIT).untilAsserted(() -> {
                ResourceDocument stored = api.ciliumNode("node-a").orElseThrow();
                assertThat(stored.get(error.toArray(String[]::new))).contains("");
                assertThat(allocatedCidrs(stored, POOLS, "mars")).containsExactly("10.0.8.0/27");
            });
            assertThat(operator.lastError("node-a")).isEmpty();
        }
    }

    @Test
    @DisplayName("409s on half of its writes are retried from a fresh read; the other section's operator and "
            + "section are unaffected")
    void retriesConflictsAndKeepsTheOtherSection() {
        api.createPool(PoolKind.CILIUM_RESOURCE_IP_POOL, pool(PoolKind.CILIUM_RESOURCE_IP_POOL, "sriov",
                "192.168.50.0/24", 28, null, 0));
        api.createCiliumNode(node("node-a", section(entries(request("mars", 60, 0)), entries()))
                .with(RESOURCE_POOLS, section(entries(request("sriov", 20, 0)), entries())));
        api.faults().conflicts(0.5, call -> call.method().equals("PUT"));
        try (KubernetesClient faulted = api.newHostClient();
             TestOperator pods = TestOperator.forPodPools(faulted).start();
             TestOperator resources = TestOperator.forResourcePools(faulted).start()) {
            await().atMost(WAIT).untilAsserted(() -> {
                ResourceDocument stored = api.ciliumNode("node-a").orElseThrow();
                assertThat(allocatedCidrs(stored, POOLS, "mars")).hasSize(2);
                assertThat(allocatedCidrs(stored, RESOURCE_POOLS, "sriov")).containsExactly("192.168.50.0/28",
                        "192.168.50.16/28");
            });
            assertThat(pods.conflicts() + resources.conflicts()).isPositive();
        }
    }
}
