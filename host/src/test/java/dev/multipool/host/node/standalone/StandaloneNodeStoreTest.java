package dev.multipool.host.node.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.node.NodeListener;
import dev.multipool.host.node.NodeSourceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneNodeStoreTest {

    @TempDir
    Path dir;

    @Test
    void createsTheNodeOnFirstStartAndKeepsItAcrossRestarts() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            ResourceDocument node = store.fetch();
            assertThat(node.name()).isEqualTo("node-a");
            assertThat(node.getString("kind")).hasValue("CiliumNode");
            store.replace(node.with(List.of("spec", "ipam", "pools"), Map.of("requested", List.of())));
        }
        try (StandaloneNodeStore reopened = new StandaloneNodeStore(dir, "node-a")) {
            assertThat(reopened.fetch().resourceVersion()).hasValue("2");
            assertThat(reopened.fetch().get("spec", "ipam", "pools")).isPresent();
        }
    }

    @Test
    void refusesAStaleResourceVersionLikeAnApiServer() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            ResourceDocument first = store.fetch();
            ResourceDocument stored = store.replace(first.with(List.of("spec", "x"), "1"));
            assertThat(stored.resourceVersion()).hasValue("2");

            assertThatThrownBy(() -> store.replace(first.with(List.of("spec", "x"), "2")))
                    .isInstanceOf(NodeConflictException.class).hasMessageContaining("has been modified");
            assertThat(store.fetch().getString("spec", "x")).hasValue("1");
            assertThat(store.status().conflicts()).isEqualTo(1);
            assertThat(store.status().writes()).isEqualTo(1);
        }
    }

    @Test
    void deliversEveryStoredVersionInOrderToEveryListener() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            store.start(recorder(seen));
            ResourceDocument node = store.fetch();
            for (int i = 0; i < 5; i++) {
                node = store.replace(node.with(List.of("spec", "n"), (long) i));
            }
            await().until(() -> seen.size() == 6);
            assertThat(seen).containsExactly("1", "2", "3", "4", "5", "6");
        }
    }

    @Test
    void refusesAFileOfAnotherNodeOrGarbage() throws Exception {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            assertThat(store.fetch().name()).isEqualTo("node-a");
        }
        assertThatThrownBy(() -> new StandaloneNodeStore(dir, "node-b"))
                .isInstanceOf(NodeSourceException.class).hasMessageContaining("node-a");
        Files.writeString(dir.resolve("ciliumnode.json"), "{not json", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new StandaloneNodeStore(dir, "node-a"))
                .isInstanceOf(NodeSourceException.class).hasMessageContaining("ciliumnode.json");
    }

    private static NodeListener recorder(List<String> seen) {
        return new NodeListener() {
            @Override
            public void nodeUpserted(ResourceDocument node) {
                seen.add(node.resourceVersion().orElseThrow());
            }

            @Override
            public void nodeDeleted() {
            }
        };
    }
}
