package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.pool;

import dev.multipool.api.PoolKind;
import dev.multipool.host.testing.kubernetes.MockApiServer;

/** The CiliumPodIPPools the operator-driven tests delegate blocks from. */
final class PodPools {

    private PodPools() {
    }

    /**
     * Creates pool {@code default} (10.1.0.0/16 in /24 blocks, fd01::/104 in /120 blocks) and pool
     * {@code blue} (10.2.0.0/24 in /28 blocks, fd02::/112 in /124 blocks).
     *
     * @param api the server
     */
    static void createDefaultAndBlue(MockApiServer api) {
        api.createPool(PoolKind.CILIUM_POD_IP_POOL, pool(PoolKind.CILIUM_POD_IP_POOL, "default", "10.1.0.0/16", 24,
                "fd01::/104", 120));
        api.createPool(PoolKind.CILIUM_POD_IP_POOL, pool(PoolKind.CILIUM_POD_IP_POOL, "blue", "10.2.0.0/24", 28,
                "fd02::/112", 124));
    }
}
