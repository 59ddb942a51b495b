package dev.multipool.plugins.pod.support;

import dev.multipool.plugins.pod.PodIpamConsumer;
import dev.multipool.testkit.TestConsumerContext;
import dev.multipool.testkit.TestPoolCatalog;

/** The test kit's consumer context set up for the pod consumer as these tests use it. */
public final class PodTestContext {

    /** The node the tests run on. */
    public static final String NODE = "node-a";

    private PodTestContext() {
    }

    /**
     * Returns a dual-stack standalone context for the pod consumer on {@link #NODE}, its options at
     * their declared defaults.
     *
     * @param pools the CiliumPodIPPool catalog
     * @return the context
     */
    public static TestConsumerContext of(TestPoolCatalog pools) {
        return TestConsumerContext.of(new PodIpamConsumer()).nodeName(NODE).catalog(pools);
    }
}
