package dev.multipool.plugins.dra.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolKind;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link DraCluster} (dra-ipam only) for a test class, with one CiliumResourceIPPool whose
 * blocks are /24 and /64, in the class's temporary directory. After the class it checks that every
 * CiliumNode PUT the host sent passed Cilium's schema, then stops everything. Register it on a
 * static field with {@code @RegisterExtension}.
 */
final class DraClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<Path> directory;
    private final String pool;
    private final String ipv4;
    private final String ipv6;
    private DraCluster cluster;

    /**
     * Describes the cluster.
     *
     * @param directory the test class's static {@code @TempDir} field, read when the class starts
     *     (JUnit fills it before extensions registered on fields run)
     * @param pool the pool name
     * @param ipv4 the pool's IPv4 CIDR, carved into /24 blocks
     * @param ipv6 the pool's IPv6 CIDR, carved into /64 blocks
     */
    DraClusterExtension(Supplier<Path> directory, String pool, String ipv4, String ipv6) {
        this.directory = requireNonNull(directory, "directory is null");
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
    public void beforeAll(ExtensionContext context) {
        cluster = DraCluster.start(requireNonNull(directory.get(), "the test class's @TempDir directory is not set"),
                List.of(CiliumObjects.pool(PoolKind.CILIUM_RESOURCE_IP_POOL, pool, ipv4, 24, ipv6, 64)));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            try {
                cluster.assertEveryNodePutValid();
            } finally {
                cluster.close();
                cluster = null;
            }
        }
    }
}
