package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.sectionOf;

import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario tests that share one CRUD mock API server per class and give each test its own node and
 * host. A test that assigns {@link #host} has it closed after the test, once every CiliumNode PUT
 * it sent has been checked against the CRD schema.
 */
abstract class SharedApiServerFixture {

    @TempDir
    static Path dir;
    static MockApiServer api;
    KubernetesHost host;

    @BeforeAll
    static void startServer() {
        api = MockApiServer.start(dir);
    }

    @AfterAll
    static void stopServer() {
        api.close();
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            try {
                CiliumNodeSchema.assertValidPuts(host.nodePuts());
            } finally {
                host.close();
            }
        }
    }

    /** The {@code spec.ipam.pools} section of a CiliumNode as the server holds it. */
    static Optional<Object> storedPools(String node) {
        return api.ciliumNode(node).flatMap(stored -> sectionOf(stored, POOLS));
    }
}
