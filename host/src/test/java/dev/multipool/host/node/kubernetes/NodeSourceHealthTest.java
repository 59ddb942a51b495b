package dev.multipool.host.node.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.HostMode;
import dev.multipool.host.node.NodeSourceStatus;
import dev.multipool.host.node.kubernetes.NodeSourceHealth.WatchState;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodeSourceHealthTest {

    private final NodeSourceHealth health = new NodeSourceHealth();

    private NodeSourceStatus status(WatchState watch) {
        return health.snapshot(watch, "watch down", Optional.empty());
    }

    @Test
    @DisplayName("connecting before the first list, synced once watching")
    void lifecycle() {
        assertThat(status(WatchState.NOT_SYNCED).state()).isEqualTo("connecting");
        NodeSourceStatus synced = status(WatchState.WATCHING);
        assertThat(synced.mode()).isEqualTo(HostMode.KUBERNETES);
        assertThat(synced.state()).isEqualTo("synced");
        assertThat(synced.lastError()).isEmpty();
    }

    @Test
    @DisplayName("an informer error shows until the watch is up again")
    void informerError() {
        health.informerFailed("connection refused");
        assertThat(status(WatchState.NOT_SYNCED)).extracting(NodeSourceStatus::state, NodeSourceStatus::lastError)
                .containsExactly("disconnected", Optional.of("connection refused"));
        assertThat(status(WatchState.RECONNECTING).lastError()).contains("connection refused");
        assertThat(status(WatchState.WATCHING).state()).isEqualTo("synced");
        assertThat(status(WatchState.RECONNECTING).lastError()).as("cleared once watching").contains("watch down");
    }

    @Test
    @DisplayName("a failed request shows until a request succeeds; conflicts count but are answers")
    void requestErrors() {
        health.requestFailed("HTTP 500");
        NodeSourceStatus failing = status(WatchState.WATCHING);
        assertThat(failing.state()).isEqualTo("disconnected");
        assertThat(failing.lastError()).contains("HTTP 500");
        assertThat(failing.failures()).isEqualTo(1);

        health.conflicted();
        NodeSourceStatus answered = status(WatchState.WATCHING);
        assertThat(answered.state()).isEqualTo("synced");
        assertThat(answered.conflicts()).isEqualTo(1);

        health.requestFailed("HTTP 503");
        health.written();
        NodeSourceStatus written = status(WatchState.WATCHING);
        assertThat(written.state()).isEqualTo("synced");
        assertThat(written).extracting(NodeSourceStatus::writes, NodeSourceStatus::conflicts, NodeSourceStatus::failures)
                .containsExactly(1L, 1L, 2L);
    }

    @Test
    @DisplayName("a stopped informer is failed")
    void stopped() {
        assertThat(status(WatchState.STOPPED)).extracting(NodeSourceStatus::state, NodeSourceStatus::lastError)
                .containsExactly("failed", Optional.of("watch down"));
    }
}
