package dev.multipool.host.node.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.HostMode;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.json.Documents;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.node.NodeSourceException;
import dev.multipool.host.node.NodeSourceStatus;
import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.RequestLog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Kubernetes node source against fabric8's CRUD mock server (spec 1.1, M53, ARCHITECTURE 5.3). */
class KubernetesNodeSourceTest extends KubernetesNodeSourceFixture {

    void startAndAwaitNode() {
        source.start(listener);
        await().atMost(WAIT).until(() -> source.current().isPresent());
    }

    @Test
    @DisplayName("the informer delivers add, update and delete; the last copy stays current after a delete (M53)")
    void informerDeliversAddUpdateDelete() {
        source.start(listener);
        await().atMost(WAIT).until(() -> source.status().state().equals("synced"));
        assertThat(source.current()).isEmpty();
        assertThat(source.status().lastError()).hasValueSatisfying(text -> assertThat(text).contains("does not exist"));

        ResourceDocument created = api.createCiliumNode(bareNode());
        await().atMost(WAIT).until(() -> listener.last().equals(Optional.of(created)));

        ResourceDocument updated = api.replaceCiliumNode(created.with(POOLS, section("default", 8)));
        await().atMost(WAIT).until(() -> listener.last().equals(Optional.of(updated)));
        assertThat(source.current()).contains(updated);

        api.deleteCiliumNode(NODE);
        await().atMost(WAIT).until(() -> listener.events().size() == 3 && listener.last().isEmpty());
        assertThat(listener.events()).containsExactly(Optional.of(created), Optional.of(updated), Optional.empty());
        assertThat(source.current()).contains(updated);
        NodeSourceStatus status = source.status();
        assertThat(status.mode()).isEqualTo(HostMode.KUBERNETES);
        assertThat(status.state()).isEqualTo("synced");
        assertThat(status.lastError()).hasValueSatisfying(text -> assertThat(text).contains("was deleted"));

        assertThatThrownBy(() -> source.replace(updated.with(POOLS, section("default", 16))))
                .isInstanceOf(NodeSourceException.class).isNotInstanceOf(NodeConflictException.class)
                .hasMessageContaining("CiliumNode \"worker-1\"").hasMessageContaining("not found");
        assertThat(api.ciliumNode(NODE)).as("the host never recreates the node").isEmpty();
        NodeSourceStatus afterWrite = source.status();
        assertThat(afterWrite.state()).as("a 404 is an answer: the server is reachable").isEqualTo("synced");
        assertThat(afterWrite.lastError()).hasValueSatisfying(text -> assertThat(text).contains("was deleted"));
        assertThat(afterWrite.failures()).isEqualTo(1);
    }

    @Test
    @DisplayName("replace with a stale resourceVersion is a conflict (409) and changes nothing")
    void staleReplaceConflicts() {
        ResourceDocument created = api.createCiliumNode(bareNode());
        startAndAwaitNode();
        ResourceDocument newer = api.replaceCiliumNode(created.with(RESOURCE_POOLS, section("sriov", 4)));

        assertThatThrownBy(() -> source.replace(created.with(POOLS, section("default", 8))))
                .isInstanceOf(NodeConflictException.class)
                .hasMessageContaining("ciliumnodes \"worker-1\"");

        assertThat(api.ciliumNode(NODE)).contains(newer);
        await().atMost(WAIT).until(() -> source.current().equals(Optional.of(newer)));
        NodeSourceStatus status = source.status();
        assertThat(status.conflicts()).isEqualTo(1);
        assertThat(status.writes()).isZero();
        assertThat(status.failures()).isZero();
        assertThat(status.state()).isEqualTo("synced");
    }

    static ResourceDocument richNode() {
        return ResourceDocument.of(Map.of(
                "apiVersion", "cilium.io/v2",
                "kind", "CiliumNode",
                "metadata", Map.of("name", NODE,
                        "labels", Map.of("kubernetes.io/hostname", NODE, "topology.kubernetes.io/zone", "z1"),
                        "annotations", Map.of("example.com/note", "keep me", "ipam.cilium.io/ignore", "false"),
                        "ownerReferences", List.of(Map.of("apiVersion", "v1", "kind", "Node", "name", NODE,
                                "uid", "0b0c4f6e-1111-2222-3333-444455556666"))),
                "spec", Map.of(
                        "addresses", List.of(Map.of("type", "InternalIP", "ip", "192.0.2.10"),
                                Map.of("type", "CiliumInternalIP", "ip", "10.0.0.1")),
                        "nodeidentity", 4_294_967_296L,
                        "ipam", Map.of(
                                "podCIDRs", List.of("10.0.0.0/24"),
                                "pre-allocate", 8,
                                "future-field", Map.of("ratio", 0.25, "flags", List.of(true, false), "none", "x"),
                                "pools", section("old", 1),
                                "resourcepools", Map.of("allocated", List.of(Map.of("pool", "sriov",
                                        "cidrs", List.of("192.168.50.0/28")))))),
                "x-unknown-top-level", Map.of("kept", true)));
    }

    @Test
    @DisplayName("replace changes only what the caller changed: labels, annotations, spec.addresses, "
            + "unknown spec.ipam keys, the other section and status survive")
    void replacePreservesEverythingElse() {
        ResourceDocument created = api.createCiliumNode(richNode());
        ResourceDocument withStatus = api.replaceCiliumNodeStatus(created.with(List.of("status"),
                Map.of("ipam", Map.of("operator-status", Map.of("error", "")), "custom", Map.of("n", 3))));
        startAndAwaitNode();
        await().atMost(WAIT).until(() -> source.current().equals(Optional.of(withStatus)));

        Map<String, Object> pools = Map.of(
                "requested", List.of(Map.of("pool", "default", "needed", Map.of("ipv4-addrs", 16, "ipv6-addrs", 16))),
                "allocated", List.of(Map.of("pool", "default", "cidrs", List.of("10.10.3.0/24", "fd00:10::300/120"))));
        ResourceDocument desired = source.current().orElseThrow().with(POOLS, pools);
        ResourceDocument stored = source.replace(desired);

        ResourceDocument onServer = api.ciliumNode(NODE).orElseThrow();
        assertThat(stored).isEqualTo(onServer);
        assertThat(source.current()).contains(stored);
        assertThat(onServer.get("spec", "ipam", "pools")).contains(ResourceDocument.of(pools).asMap());
        List<String> generation = List.of("metadata", "generation");
        assertThat(onServer.without(POOLS).without(VERSION).without(generation))
                .as("everything but the section, resourceVersion and generation (bumped by a spec change) is kept")
                .isEqualTo(withStatus.without(POOLS).without(VERSION).without(generation));
        assertThat(onServer.resourceVersion()).isNotEqualTo(withStatus.resourceVersion());

        List<RequestLog.Call> puts = api.requests().fromHost(call -> call.method().equals("PUT"));
        assertThat(puts).hasSize(1);
        ResourceDocument sent = Documents.fromJson(puts.get(0).body().getBytes(StandardCharsets.UTF_8));
        assertThat(sent).as("the PUT body is exactly the desired node, status included").isEqualTo(desired);
        assertThat(CiliumNodeSchema.problemsOfNodeJson(puts.get(0).body())).isEmpty();

        NodeSourceStatus status = source.status();
        assertThat(status.writes()).isEqualTo(1);
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    @DisplayName("replace refuses a document of another node or without resourceVersion, before any request")
    void replaceRefusesBadInput() {
        ResourceDocument created = api.createCiliumNode(bareNode());
        startAndAwaitNode();
        assertThatThrownBy(() -> source.replace(created.with(List.of("metadata", "name"), "worker-2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worker-2");
        assertThatThrownBy(() -> source.replace(created.without(VERSION)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resourceVersion");
        assertThat(api.requests().fromHost(call -> call.method().equals("PUT"))).isEmpty();
    }

    @Test
    @DisplayName("fetch reads the stored node past the watch; a missing node is a NodeSourceException")
    void fetchReadsTheServer() {
        assertThatThrownBy(source::fetch).isInstanceOf(NodeSourceException.class).hasMessageContaining("not found");
        ResourceDocument created = api.createCiliumNode(bareNode());
        assertThat(source.fetch()).isEqualTo(created);
        assertThat(source.current()).contains(created);
    }

    @Test
    @DisplayName("start is called once")
    void startOnce() {
        source.start(listener);
        assertThatThrownBy(() -> source.start(new RecordingNodeListener())).isInstanceOf(IllegalStateException.class);
    }
}
