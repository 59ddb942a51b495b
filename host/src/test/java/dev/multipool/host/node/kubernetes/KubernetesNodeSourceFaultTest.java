package dev.multipool.host.node.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.node.NodeSourceException;
import dev.multipool.host.node.NodeSourceStatus;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The node source while the API server fails, drops watches or cannot be reached, and after. */
class KubernetesNodeSourceFaultTest extends KubernetesNodeSourceFixture {

    /**
     * Starts the source on an existing node and waits until a change has come through the watch,
     * so the watch is established end to end before a fault is injected (a connection cut during
     * the watch handshake itself is a different case, which fabric8 recovers from only after its
     * two-minute fail-safe).
     */
    private ResourceDocument startWithNode() {
        ResourceDocument created = api.createCiliumNode(bareNode());
        source.start(listener);
        await().atMost(WAIT).until(() -> source.status().state().equals("synced") && source.current().isPresent());
        ResourceDocument live = api.replaceCiliumNode(created.with(List.of("metadata", "labels"), Map.of("probe", "1")));
        await().atMost(WAIT).until(() -> listener.last().equals(Optional.of(live)));
        return live;
    }

    @Test
    @DisplayName("500s: replace and fetch fail with NodeSourceException (not a conflict), status shows it; "
            + "after recovery writes succeed and the error clears")
    void serverErrorsThenRecovery() {
        ResourceDocument created = startWithNode();
        api.faults().serverErrors(1.0, call -> !call.isWatch());

        assertThatThrownBy(() -> source.replace(created.with(POOLS, section("default", 8))))
                .isInstanceOf(NodeSourceException.class).isNotInstanceOf(NodeConflictException.class)
                .hasMessageContaining("CiliumNode \"worker-1\"").hasMessageContaining("HTTP 500");
        assertThatThrownBy(source::fetch).isInstanceOf(NodeSourceException.class).hasMessageContaining("HTTP 500");
        NodeSourceStatus failing = source.status();
        assertThat(failing.state()).isEqualTo("disconnected");
        assertThat(failing.lastError()).hasValueSatisfying(text -> assertThat(text).contains("HTTP 500"));
        assertThat(failing.failures()).isEqualTo(2);
        assertThat(failing.writes()).isZero();
        assertThat(api.ciliumNode(NODE)).contains(created);

        api.faults().heal();
        ResourceDocument stored = source.replace(created.with(POOLS, section("default", 8)));
        assertThat(api.ciliumNode(NODE)).contains(stored);
        NodeSourceStatus healed = source.status();
        assertThat(healed.state()).isEqualTo("synced");
        assertThat(healed.lastError()).isEmpty();
        assertThat(healed.writes()).isEqualTo(1);
        assertThat(healed.failures()).isEqualTo(2);
    }

    @Test
    @DisplayName("a share of 500s fails exactly that share of the writes; the rest go through")
    void shareOfServerErrors() {
        ResourceDocument node = startWithNode();
        api.faults().serverErrors(0.5, call -> call.method().equals("PUT"));
        int failed = 0;
        for (int i = 1; i <= 6; i++) {
            try {
                node = source.replace(node.with(POOLS, section("default", i)));
            } catch (NodeSourceException e) {
                assertThat(e).isNotInstanceOf(NodeConflictException.class);
                failed++;
            }
        }
        assertThat(failed).isEqualTo(3);
        assertThat(source.status().writes()).isEqualTo(3);
        assertThat(source.status().failures()).isEqualTo(3);
    }

    @Test
    @DisplayName("unreachable server: requests fail, status is disconnected; after it is back the informer "
            + "resumes, delivers the change made meanwhile, and writes succeed")
    void unreachableThenRecovery() {
        ResourceDocument created = startWithNode();
        api.network().refuseConnections();

        assertThatThrownBy(source::fetch).isInstanceOf(NodeSourceException.class).hasMessageContaining("unreachable");
        assertThatThrownBy(() -> source.replace(created.with(POOLS, section("default", 8))))
                .isInstanceOf(NodeSourceException.class).isNotInstanceOf(NodeConflictException.class);
        await().atMost(WAIT).until(() -> !source.status().state().equals("synced"));
        assertThat(source.status().state()).isEqualTo("disconnected");
        assertThat(source.status().lastError()).isPresent();

        ResourceDocument changedMeanwhile = api.replaceCiliumNode(created.with(POOLS, section("other-writer", 2)));
        api.network().acceptConnections();

        await().atMost(WAIT).until(() -> listener.last().equals(Optional.of(changedMeanwhile)));
        ResourceDocument stored = source.replace(changedMeanwhile.with(POOLS, section("default", 8)));
        assertThat(api.ciliumNode(NODE)).contains(stored);
        await().atMost(WAIT).until(() -> source.status().state().equals("synced"));
        assertThat(source.status().lastError()).isEmpty();
    }

    @Test
    @DisplayName("a watch closed by the server is re-established and later changes are delivered")
    void serverClosesWatch() {
        ResourceDocument created = startWithNode();
        long watchesBefore = api.requests().watches(MockApiServer.CILIUM_NODES_PATH);
        assertThat(api.faults().dropWatches()).isEqualTo(1);
        await().atMost(WAIT).until(() -> api.requests().watches(MockApiServer.CILIUM_NODES_PATH) > watchesBefore);

        ResourceDocument later = api.replaceCiliumNode(created.with(POOLS, section("default", 8)));
        await().atMost(WAIT).until(() -> listener.last().equals(Optional.of(later)));
        assertThat(source.status().state()).isEqualTo("synced");
    }

    @Test
    @DisplayName("a connection cut in the network is re-established and later changes are delivered")
    void networkCutsWatch() {
        ResourceDocument created = startWithNode();
        long watchesBefore = api.requests().watches(MockApiServer.CILIUM_NODES_PATH);
        api.network().dropConnections();
        await().atMost(WAIT).until(() -> api.requests().watches(MockApiServer.CILIUM_NODES_PATH) > watchesBefore);

        ResourceDocument later = api.replaceCiliumNode(created.with(POOLS, section("default", 8)));
        await().atMost(WAIT).until(() -> listener.last().equals(Optional.of(later)));
        await().atMost(WAIT).until(() -> source.status().state().equals("synced"));
    }

    @Test
    @DisplayName("started while the server is down: start returns at once, status names the error, "
            + "and the node arrives when the server comes up")
    void startWhileDown() {
        ResourceDocument created = api.createCiliumNode(bareNode());
        api.network().refuseConnections();
        source.start(listener);
        await().atMost(WAIT).until(() -> source.status().lastError().isPresent());
        NodeSourceStatus down = source.status();
        assertThat(down.state()).isEqualTo("disconnected");
        assertThat(down.lastError()).hasValueSatisfying(text -> assertThat(text).contains("unreachable"));
        assertThat(source.current()).isEmpty();

        api.network().acceptConnections();
        await().atMost(WAIT).until(() -> listener.last().equals(Optional.of(created)));
        await().atMost(WAIT).until(() -> source.status().state().equals("synced"));
        assertThat(source.status().lastError()).isEmpty();
    }
}
