package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.pool;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.DRA;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.DRA_PRE_ALLOCATION;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import dev.multipool.host.testing.kubernetes.RequestLog;
import dev.multipool.host.testing.kubernetes.TestOperator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the host writes to the CiliumNode, checked the way a real API server would: every PUT body
 * validates against Cilium's {@code spec.ipam} schema, and every field the host does not own
 * (labels, annotations, {@code spec.addresses} and the other spec fields, keys no model knows,
 * {@code status}) is sent back exactly as read, so nothing is dropped or changed, while both
 * consumers and both operators write the node.
 */
class KubernetesNodeSchemaTest {

    private static final String NODE = "node-a";
    private static final List<List<String>> OWNED_ELSEWHERE = List.of(List.of("spec", "ipam", "pools"),
            List.of("spec", "ipam", "resourcepools"), List.of("metadata", "resourceVersion"),
            List.of("metadata", "generation"), List.of("metadata", "managedFields"));

    @TempDir
    Path dir;

    private static ResourceDocument richNode() {
        return ResourceDocument.of(Map.of(
                "apiVersion", "cilium.io/v2",
                "kind", "CiliumNode",
                "metadata", Map.of("name", NODE,
                        "labels", Map.of("kubernetes.io/hostname", NODE, "topology.kubernetes.io/zone", "zone-b"),
                        "annotations", Map.of("network.cilium.io/ipv4-cilium-host", "10.1.0.1",
                                "example.com/note", "keep me")),
                "spec", Map.of(
                        "addresses", List.of(Map.of("type", "InternalIP", "ip", "192.168.0.10"),
                                Map.of("type", "CiliumInternalIP", "ip", "10.1.0.1")),
                        "encryption", Map.of("key", 3L),
                        "health", Map.of("ipv4", "10.1.0.2"),
                        "ipam", Map.of("podCIDRs", List.of("10.244.1.0/24"), "pre-allocate", 0L),
                        "future-field", Map.of("nested", List.of(1L, "two", Map.of("three", true))))));
    }

    private static ResourceDocument withoutOwnedParts(ResourceDocument node) {
        ResourceDocument out = node;
        for (List<String> path : OWNED_ELSEWHERE) {
            out = out.without(path);
        }
        return out;
    }

    @Test
    @DisplayName("every CiliumNode PUT of the host validates against the schema and carries every field it does not "
            + "own exactly as read (labels, annotations, spec.addresses, unknown keys, status)")
    void everyWriteValidatesAndKeepsEveryOtherField() {
        try (MockApiServer api = MockApiServer.start(dir)) {
            api.createPool(PoolKind.CILIUM_POD_IP_POOL, pool(PoolKind.CILIUM_POD_IP_POOL, "default", "10.1.0.0/16", 24,
                    "fd01::/104", 120));
            api.createPool(PoolKind.CILIUM_RESOURCE_IP_POOL, pool(PoolKind.CILIUM_RESOURCE_IP_POOL, "sriov",
                    "192.168.50.0/24", 28, "fd50::/112", 124));
            ResourceDocument created = api.createCiliumNode(richNode());
            ResourceDocument withStatus = api.replaceCiliumNodeStatus(created.with(List.of("status"), Map.of(
                    "ipam", Map.of("operator-status", Map.of("error", ""), "used", Map.of()),
                    "future-status", "kept")));
            ResourceDocument expectedRest = withoutOwnedParts(withStatus);
            assertThat(expectedRest.get("status", "future-status")).contains("kept");

            try (TestOperator pods = TestOperator.forPodPools(api.driver()).start();
                 TestOperator resources = TestOperator.forResourcePools(api.driver()).start();
                 KubernetesHost host = KubernetesHost.builder(api, dir.resolve("host")).nodeName(NODE)
                         .args(POD_PRE_ALLOCATION, "default=8", DRA_PRE_ALLOCATION, "sriov=4").start()) {
                HostRest rest = host.rest();
                List<String> held = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    held.add(allocate(rest, POD, null, "pod-" + i));
                    held.add(allocate(rest, DRA, "sriov", "claim-" + i));
                }
                for (int i = 0; i < held.size(); i += 2) {
                    rest.release(POD, held.get(i), "default");
                }
                await().atMost(WAIT).until(() -> pods.writes() > 0 && resources.writes() > 0
                        && host.nodePuts().size() >= 4);
                await().atMost(WAIT).pollDelay(Duration.ofMillis(200)).until(() ->
                        host.host().nodeSource().status().state().equals("synced"));

                List<RequestLog.Call> puts = host.nodePuts();
                CiliumNodeSchema.assertValidPuts(puts);
                assertThat(puts).allSatisfy(put -> assertThat(withoutOwnedParts(put.bodyDocument())).isEqualTo(expectedRest));
                assertThat(puts).anySatisfy(put -> assertThat(put.bodyDocument().get("spec", "ipam", "pools")).isPresent());
                assertThat(puts).anySatisfy(put ->
                        assertThat(put.bodyDocument().get("spec", "ipam", "resourcepools")).isPresent());
                assertThat(withoutOwnedParts(api.ciliumNode(NODE).orElseThrow())).isEqualTo(expectedRest);
            }
        }
    }

    private static String allocate(HostRest rest, String consumer, String pool, String owner) {
        return rest.allocateNextWhenDelegated(consumer, "ipv4", pool, owner).path("ipv4").path("ip").asString();
    }
}
