package dev.multipool.plugins.dra.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolKind;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link DraCluster} (dra-ipam only) for a test class, with one CiliumResourceIPPool whose
 * blocks are /24 and /64, in a directory of its own. After the class it checks that every
 * CiliumNode PUT the host sent passed Cilium's schema, then stops everything and deletes the
 * directory. Register it on a static field with {@code @RegisterExtension}.
 */
final class DraClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final String pool;
    private final String ipv4;
    private final String ipv6;
    private Path directory;
    private DraCluster cluster;

    /**
     * Describes the cluster.
     *
     * @param pool the pool name
     * @param ipv4 the pool's IPv4 CIDR, carved into /24 blocks
     * @param ipv6 the pool's IPv6 CIDR, carved into /64 blocks
     */
    DraClusterExtension(String pool, String ipv4, String ipv6) {
        this.pool = requireNonNull(pool, "pool is null");
        this.ipv4 = requireNonNull(ipv4, "ipv4 is null");
        this.ipv6 = requireNonNull(ipv6, "ipv6 is null");
    }

    /**
     * Returns the running cluster.
     *
     * @return the cluster
     */
    DraCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the cluster runs only while the test class does");
        }
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("dra-cluster-");
        cluster = DraCluster.start(directory,
                List.of(CiliumObjects.pool(PoolKind.CILIUM_RESOURCE_IP_POOL, pool, ipv4, 24, ipv6, 64)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (cluster != null) {
                try {
                    cluster.assertEveryNodePutValid();
                } finally {
                    cluster.close();
                    cluster = null;
                }
            }
        } finally {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
