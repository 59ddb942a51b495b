package dev.multipool.host.node.kubernetes;

import dev.multipool.api.ResourceDocument;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the node source tests share: a CRUD mock API server per test, a host client to it, a source
 * for CiliumNode {@value #NODE} (not started) with a listener to start it with, and the node's
 * paths and documents.
 */
abstract class KubernetesNodeSourceFixture {

    static final String NODE = "worker-1";
    static final List<String> POOLS = CiliumObjects.POOLS;
    static final List<String> RESOURCE_POOLS = CiliumObjects.RESOURCE_POOLS;
    static final List<String> VERSION = List.of("metadata", "resourceVersion");
    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    MockApiServer api;
    KubernetesClient client;
    KubernetesNodeSource source;
    final RecordingNodeListener listener = new RecordingNodeListener();

    @BeforeEach
    void startServer() {
        api = MockApiServer.start(dir);
        client = api.newHostClient();
        source = new KubernetesNodeSource(client, NODE);
    }

    @AfterEach
    void stop() {
        source.close();
        client.close();
        api.close();
    }

    /** A CiliumNode {@value #NODE} with an empty spec. */
    static ResourceDocument bareNode() {
        return ResourceDocument.of(Map.of("apiVersion", "cilium.io/v2", "kind", "CiliumNode",
                "metadata", Map.of("name", NODE), "spec", Map.of()));
    }

    /** A section requesting {@code ipv4Addrs} addresses of one pool. */
    static Map<String, Object> section(String pool, long ipv4Addrs) {
        return Map.of("requested", List.of(Map.of("pool", pool, "needed", Map.of("ipv4-addrs", ipv4Addrs))));
    }
}
