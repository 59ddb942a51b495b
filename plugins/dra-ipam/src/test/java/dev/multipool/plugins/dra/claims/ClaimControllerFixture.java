package dev.multipool.plugins.dra.claims;

import static dev.multipool.plugins.dra.testing.Claims.allocation;
import static dev.multipool.plugins.dra.testing.Claims.config;
import static dev.multipool.plugins.dra.testing.Claims.handle;
import static dev.multipool.plugins.dra.testing.Claims.nodeNamed;
import static dev.multipool.plugins.dra.testing.Claims.result;
import static dev.multipool.plugins.dra.testing.Claims.store;
import static dev.multipool.plugins.dra.testing.Pools.node;
import static dev.multipool.plugins.dra.testing.Pools.pool;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.HostMode;
import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import dev.multipool.plugins.dra.DraIpamConsumer;
import dev.multipool.plugins.dra.pools.PoolPlacement;
import dev.multipool.plugins.dra.testing.Claims;
import dev.multipool.testkit.TestClock;
import dev.multipool.testkit.TestConsumerContext;
import dev.multipool.testkit.TestConsumerIpam;
import dev.multipool.testkit.TestPoolCatalog;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A claim controller of {@link #DRIVER} on node {@link #NODE}, on fabric8's CRUD mock, with the
 * test kit's context, manager and catalog: pool {@link #POOL} (10.10.0.0/16, fd00:200:1::/48)
 * whose node CIDRs are 10.10.0.0/30 and fd00:200:1::/126, both families, the clock at
 * {@link #NOW} until the test moves it ({@link #clock()}). Registered on an instance field with {@code @RegisterExtension}, it starts a CRUD
 * mock server before each test and stops it, with the controller if {@link #start()}ed, after.
 */
final class ClaimControllerFixture implements BeforeEachCallback, AfterEachCallback {

    static final String DRIVER = "net.multipool.dev";
    static final String NODE = "worker-1";
    static final String POOL = "test-ip-pool";
    static final Map<String, Object> FROM_POOL = Map.of("ip-pool", POOL);
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    /** Quick retries: 10 ms doubling up to 40 ms, 25 attempts. */
    static final BackoffPolicy QUICK = new BackoffPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(40), 25);

    private KubernetesMockServer server;
    private KubernetesClient client;
    private final TestPoolCatalog catalog = TestPoolCatalog.synced(PoolKind.CILIUM_RESOURCE_IP_POOL);
    private final TestClock clock = new TestClock(NOW);
    private final TestConsumerContext context;
    private ClaimController controller;

    /** Prepares the pool, the manager and the context; the mock server starts before each test. */
    ClaimControllerFixture() {
        catalog.put(pool(POOL, "10.10.0.0/16", "fd00:200:1::/48"));
        context = TestConsumerContext.of(new DraIpamConsumer()).nodeName(NODE).mode(HostMode.KUBERNETES)
                .catalog(catalog).clock(clock).restored();
        context.testIpam().range(POOL, "10.10.0.0/30").range(POOL, "fd00:200:1::/126")
                .node(node(NODE, Map.of("kubernetes.io/hostname", NODE)));
    }

    @Override
    public void beforeEach(ExtensionContext extension) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        server.expectCustomResource(Claims.CONTEXT);
        client = server.createClient();
    }

    /**
     * Returns the client of the mock server.
     *
     * @return the client
     */
    KubernetesClient client() {
        return client;
    }

    /**
     * Returns the context: its {@code testIpam()} is the manager, its {@code pools(...)} the
     * CiliumResourceIPPool catalog.
     *
     * @return the context
     */
    TestConsumerContext context() {
        return context;
    }

    /**
     * Returns the context's clock; it stands at {@link #NOW} until moved.
     *
     * @return the clock
     */
    TestClock clock() {
        return clock;
    }

    /**
     * Returns a reconciler on this fixture's context and client, as the controller builds it, to
     * drive attempt by attempt without the controller's threads.
     *
     * @param backoff the retry policy
     * @return the reconciler
     */
    ClaimReconciler reconciler(BackoffPolicy backoff) {
        TestConsumerIpam ipam = context.testIpam();
        PoolPlacement placement = new PoolPlacement(catalog, NODE, () -> ipam.node().map(ResourceDocument::labels));
        return new ClaimReconciler(new ClaimDevices(DRIVER),
                new DeviceAddressing(ipam, placement, context.enabledFamilies(), NODE),
                new DeviceStatusEntries(DRIVER, context.clock()), new ClaimStatusWriter(client), ipam, backoff, NODE,
                Map::of, context.clock(), ClaimController.DEFAULT_RESYNC);
    }

    /** Starts the controller with {@link #QUICK} retries and the default resync. */
    void start() {
        start(QUICK, ClaimController.DEFAULT_RESYNC);
    }

    /**
     * Starts the controller.
     *
     * @param backoff the retry policy
     * @param retryInterval after how long a given-up device gets a fresh round
     */
    void start(BackoffPolicy backoff, Duration retryInterval) {
        controller = new ClaimController(client, DRIVER, context,
                new PoolPlacement(catalog, NODE, () -> context.testIpam().node().map(ResourceDocument::labels)), backoff,
                retryInterval);
        controller.start();
    }

    /**
     * Stores a claim with one device of this driver on this node, configured to take addresses
     * from {@link #POOL}.
     *
     * @param name the claim name
     * @param device the device
     * @return the stored claim
     */
    ResourceClaim onePoolDevice(String name, String device) {
        return store(client, name, allocation(nodeNamed(NODE),
                List.of(result(device, DRIVER, "test-device-pool", "test-request")),
                List.of(config(DRIVER, List.of("test-request"), FROM_POOL))), List.of());
    }

    /** Waits up to 10 seconds, polling every 10 ms. */
    static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    /**
     * Waits for this driver's status entry of a device.
     *
     * @param claim the claim name
     * @param device the device
     * @return the entry
     */
    AllocatedDeviceStatus awaitEntry(String claim, String device) {
        return soon().until(() -> entry(claim, device), entry -> entry != null);
    }

    /**
     * Returns this driver's status entry of a device.
     *
     * @param claim the claim name
     * @param device the device
     * @return the entry, or null
     */
    AllocatedDeviceStatus entry(String claim, String device) {
        return Claims.entry(handle(client, claim).get(), DRIVER, device);
    }

    /** Stops the controller, if started, then the client and the mock server. */
    @Override
    public void afterEach(ExtensionContext extension) {
        try {
            if (controller != null) {
                controller.close();
            }
        } finally {
            client.close();
            server.destroy();
        }
    }
}
