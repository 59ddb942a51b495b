package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.section;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.sectionOf;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.withAllocated;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import dev.multipool.host.testing.kubernetes.RequestLog;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The host never creates or deletes its CiliumNode (ARCHITECTURE 5.3). Spec M53: the CiliumNode is
 * deleted under a running host; the host keeps serving from the last copy it saw, never creates the
 * object again, and shows the deletion in {@code /v1/healthz}; when the node registration creates
 * the object again, the host writes its complete view back. And a host started before its
 * CiliumNode exists waits for it, reporting so, without creating it.
 */
class KubernetesNodeDeletionTest extends SharedApiServerFixture {

    private static final String NODE = "node-a";

    private static List<RequestLog.Call> creations() {
        return api.requests().fromHost(call -> call.method().equals("POST")
                && call.pathWithoutQuery().startsWith(MockApiServer.CILIUM_NODES_PATH));
    }

    @Test
    @DisplayName("a host started before its CiliumNode exists waits for it (healthz 503, consumer starting), never "
            + "creates it, and serves once it is created")
    void nodeCreatedAfterTheHost() {
        String node = "node-late";
        try (KubernetesHost host = KubernetesHost.builder(api, dir.resolve("late")).nodeName(node)
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=16").startWithoutWaiting()) {
            HostRest rest = host.rest();
            await().atMost(WAIT).untilAsserted(() -> {
                var reply = rest.healthzReply();
                assertThat(reply.status()).isEqualTo(503);
                JsonNode health = HostRest.json(reply);
                assertThat(health.path("consumers").path(POD).path("reason").asString())
                        .isEqualTo("waiting for node " + node);
                assertThat(health.path("node-source").path("last-error").asString()).contains("does not exist");
            });
            assertThat(api.ciliumNode(node)).isEmpty();

            api.createCiliumNode(withAllocated(CiliumObjects.node(node), POOLS,
                    entries(allocation("default", "10.0.22.0/24", "fd00:22::/96"))));
            host.awaitReady();
            rest.allocateNext(POD, "ipv4", null, "pod-0");
            await().atMost(WAIT).untilAsserted(() -> assertThat(api.ciliumNode(node).flatMap(stored ->
                    sectionOf(stored, POOLS))).contains(section(entries(request("default", 32, 16)),
                    entries(allocation("default", "10.0.22.0/24", "fd00:22::/96")))));
            assertThat(creations()).isEmpty();
        }
    }

    @Test
    @DisplayName("M53: after the CiliumNode is deleted the host serves from its last copy, never recreates it, "
            + "reports it, and writes its view back once the node exists again")
    void deletedNode() {
        api.createCiliumNode(withAllocated(CiliumObjects.node(NODE), POOLS,
                entries(allocation("default", "10.0.22.0/24", "fd00:22::/96"))));
        try (KubernetesHost host = KubernetesHost.builder(api, dir.resolve("host")).nodeName(NODE)
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=16").start()) {
            HostRest rest = host.rest();
            await().atMost(WAIT).until(() -> api.ciliumNode(NODE).flatMap(node -> sectionOf(node, POOLS))
                    .map(pools -> ((Map<?, ?>) pools).containsKey("requested")).orElse(false));

            api.deleteCiliumNode(NODE);
            await().atMost(WAIT).untilAsserted(() -> assertThat(rest.healthz().path("node-source")
                    .path("last-error").asString()).contains("deleted"));

            Map<String, String> held = new TreeMap<>();
            for (int i = 0; i < 20; i++) {
                held.put(rest.allocateNext(POD, "ipv4", null, "pod-" + i), "pod-" + i);
            }
            await().atMost(WAIT).until(() -> host.nodePuts().stream().anyMatch(put -> put.status() == 404));
            JsonNode source = rest.healthz().path("node-source");
            assertThat(source.path("state").asString()).as("the server answers: still synced").isEqualTo("synced");
            assertThat(source.path("last-error").asString()).isEqualTo("CiliumNode \"" + NODE
                    + "\" was deleted; IPAM continues on the last seen version");
            assertThat(source.path("failures").asLong()).isPositive();
            assertThat(rest.healthzReply().status()).isEqualTo(200);
            assertThat(rest.allocations(POD, "ipv4").get("default")).isEqualTo(held);
            assertThat(api.ciliumNode(NODE)).as("the host never recreates the CiliumNode").isEmpty();
            assertThat(creations()).isEmpty();

            api.createCiliumNode(CiliumObjects.node(NODE));
            Map<String, Object> view = section(entries(request("default", 48, 16)),
                    entries(allocation("default", "10.0.22.0/24", "fd00:22::/96")));
            await().atMost(WAIT).untilAsserted(() -> assertThat(api.ciliumNode(NODE)
                    .flatMap(node -> sectionOf(node, POOLS))).contains(view));
            await().atMost(WAIT).until(() -> rest.healthz().path("node-source").path("state").asString()
                    .equals("synced"));
        }
    }
}
