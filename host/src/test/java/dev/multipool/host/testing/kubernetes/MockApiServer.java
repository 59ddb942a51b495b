package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.kubernetes.KubernetesClientFactory;
import dev.multipool.host.node.kubernetes.KubernetesClientSettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * fabric8's {@link KubernetesMockServer} in CRUD mode on loopback, set up the way the host meets a
 * real API server: behind a {@link TcpProxy} (network faults), with a kubeconfig file pointing at
 * the proxy (so code that builds its own client from {@code --k8s-kubeconfig-path} can use it), a
 * {@link FaultInjectingDispatcher} (error statuses, dropped watches) and a {@link RequestLog}. The
 * CRUD dispatcher is a {@link NodeNameSelectorDispatcher}: a {@code spec.nodeName} field selector
 * (a pod informer of one node) gets the pods of every node instead of none, and is recorded.
 *
 * <p>The CiliumNode kind is registered with its status subresource, as Cilium's CRD declares it:
 * a PUT of the main resource does not change {@code status}. Pool kinds need no registration.
 *
 * <p>The mock is not a full API server (no discovery, no schema validation or pruning, merge-patch
 * arrays are appended): always pass a {@link ResourceDefinitionContext}, check bodies with
 * {@link CiliumNodeSchema}, and write with PUT + resourceVersion, which it models faithfully
 * (409 on a stale resourceVersion).
 *
 * <p>Usage: {@code try (MockApiServer api = MockApiServer.start(tempDir)) { ... }}; set up objects
 * with {@link #driver()} (direct, never faulted, marked in the log), point the code under test at
 * {@link #kubeconfig()}.
 */
public final class MockApiServer implements AutoCloseable {

    /** Request header that marks the test's own requests: never faulted, excluded from host counts. */
    public static final String DRIVER_HEADER = "X-Multipool-Test-Driver";

    /** The collection path of CiliumNodes. */
    public static final String CILIUM_NODES_PATH = "/apis/cilium.io/v2/ciliumnodes";

    /** CiliumNode for fabric8's generic API ({@code cilium.io/v2}, cluster-scoped). */
    public static final ResourceDefinitionContext CILIUM_NODE = new ResourceDefinitionContext.Builder()
            .withGroup("cilium.io").withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes")
            .withNamespaced(false).build();

    /**
     * fabric8's mock server logs every request through java.util.logging (two lines each); the
     * request log has them all, so only warnings are printed. Held here so the level sticks.
     */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet(MockWebServer.class.getName());

    private final KubernetesMockServer server;
    private final NodeNameSelectorDispatcher crud;
    private final FaultInjectingDispatcher dispatcher;
    private final RequestLog requests;
    private final TcpProxy proxy;
    private final KubernetesClient driver;
    private final Path kubeconfig;

    private MockApiServer(Path directory) {
        this.requests = new RequestLog();
        CustomResourceDefinitionContext ciliumNodeCrd = new CustomResourceDefinitionContext.Builder()
                .withGroup("cilium.io").withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes")
                .withScope("Cluster").withStatusSubresource(true).build();
        this.crud = new NodeNameSelectorDispatcher(List.of(ciliumNodeCrd));
        this.dispatcher = new FaultInjectingDispatcher(crud, requests);
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        this.proxy = new TcpProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getPort()));
        this.driver = server.createClient(builder -> builder.withHttpClientBuilderConsumer(
                http -> http.addOrReplaceInterceptor("multipool-test-driver", new DriverMark())));
        this.kubeconfig = directory.resolve("kubeconfig.yaml");
        Kubeconfig.write(kubeconfig, url());
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /**
     * Starts a server and writes its kubeconfig into {@code directory}.
     *
     * @param directory a writable directory (a JUnit {@code @TempDir})
     * @return the running server
     */
    public static MockApiServer start(Path directory) {
        requireNonNull(directory, "directory is null");
        return new MockApiServer(directory);
    }

    private static final class DriverMark implements Interceptor {
        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            builder.header(DRIVER_HEADER, "true");
        }
    }

    /**
     * Declares another kind the way its API server serves it, for example a built-in kind with a
     * status subresource (ResourceClaims): a create or PUT of the main resource then leaves
     * {@code status} alone, and only a status write changes it.
     *
     * @param kind the kind, with its scope and status subresource flag
     * @return this
     */
    public MockApiServer serve(CustomResourceDefinitionContext kind) {
        crud.expectCustomResource(requireNonNull(kind, "kind is null"));
        return this;
    }

    /**
     * Returns the URL the code under test talks to (the proxy in front of the mock).
     *
     * @return for example {@code http://127.0.0.1:40123}
     */
    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + proxy.port();
    }

    /**
     * Returns the kubeconfig file naming {@link #url()}.
     *
     * @return the file
     */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /**
     * Returns client settings for the code under test: this server's kubeconfig, with short
     * timeouts and a 100 ms first watch reconnect delay so fault tests recover within seconds.
     *
     * @return the settings
     */
    public KubernetesClientSettings hostClientSettings() {
        return KubernetesClientSettings.defaults(Optional.of(kubeconfig))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .withWatchReconnectInterval(Duration.ofMillis(100));
    }

    /**
     * Builds a client the way the host does ({@link KubernetesClientFactory} from the kubeconfig),
     * through the proxy and subject to faults.
     *
     * @return a new client; the caller closes it
     */
    public KubernetesClient newHostClient() {
        return KubernetesClientFactory.create(hostClientSettings());
    }

    /**
     * Returns the test's own client: straight to the mock (no proxy), never faulted.
     *
     * @return the client; closed with the server
     */
    public KubernetesClient driver() {
        return driver;
    }

    /**
     * Returns the driver's operations on CiliumNodes.
     *
     * @return the operations
     */
    public NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> ciliumNodes() {
        return driver.genericKubernetesResources(CILIUM_NODE);
    }

    /**
     * Returns the driver's operations on one pool kind.
     *
     * @param kind the kind
     * @return the operations
     */
    public NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> pools(PoolKind kind) {
        return driver.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                .withGroup(kind.group()).withVersion(kind.version()).withKind(kind.kind())
                .withPlural(kind.plural()).withNamespaced(false).build());
    }

    /**
     * Creates a CiliumNode as another actor would (the node registration, an operator).
     *
     * @param node the whole object; {@code status} is dropped by the status subresource rule
     * @return the stored object
     */
    public ResourceDocument createCiliumNode(ResourceDocument node) {
        return document(ciliumNodes().resource(resource(node)).create());
    }

    /**
     * Reads a CiliumNode straight from the server.
     *
     * @param name the node name
     * @return the stored object, or empty when there is none
     */
    public Optional<ResourceDocument> ciliumNode(String name) {
        return Optional.ofNullable(ciliumNodes().withName(name).get()).map(this::document);
    }

    /**
     * Replaces a CiliumNode (PUT with the document's resourceVersion), as another writer would.
     *
     * @param node the whole object
     * @return the stored object
     */
    public ResourceDocument replaceCiliumNode(ResourceDocument node) {
        String version = node.resourceVersion().orElseThrow();
        return document(ciliumNodes().resource(resource(node)).lockResourceVersion(version).update());
    }

    /**
     * Changes a CiliumNode as another writer (an operator) does: reads the stored object, applies
     * the change and PUTs it with the resourceVersion it read, starting over on 409.
     *
     * @param name the node name
     * @param change computes the new object from the stored one
     * @return the stored object
     */
    public ResourceDocument editCiliumNode(String name, UnaryOperator<ResourceDocument> change) {
        requireNonNull(change, "change is null");
        for (int attempt = 0; attempt < 100; attempt++) {
            ResourceDocument current = ciliumNode(name).orElseThrow(() ->
                    new IllegalStateException("CiliumNode \"" + name + "\" does not exist"));
            try {
                return replaceCiliumNode(change.apply(current));
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("100 conflicts in a row editing CiliumNode \"" + name + "\"");
    }

    /**
     * Replaces a CiliumNode's status through the status subresource.
     *
     * @param node the whole object carrying the new status
     * @return the stored object
     */
    public ResourceDocument replaceCiliumNodeStatus(ResourceDocument node) {
        return document(ciliumNodes().resource(resource(node)).updateStatus());
    }

    /**
     * Deletes a CiliumNode.
     *
     * @param name the node name
     */
    public void deleteCiliumNode(String name) {
        ciliumNodes().withName(name).delete();
    }

    /**
     * Creates a pool object.
     *
     * @param kind its kind
     * @param pool the whole object
     * @return the stored object
     */
    public ResourceDocument createPool(PoolKind kind, ResourceDocument pool) {
        return document(pools(kind).resource(resource(pool)).create());
    }

    /**
     * Replaces a pool object (PUT; with the document's resourceVersion when it carries one).
     *
     * @param kind its kind
     * @param pool the whole object
     * @return the stored object
     */
    public ResourceDocument replacePool(PoolKind kind, ResourceDocument pool) {
        return document(pools(kind).resource(resource(pool)).update());
    }

    /**
     * Deletes a pool object.
     *
     * @param kind its kind
     * @param name its name
     */
    public void deletePool(PoolKind kind, String name) {
        pools(kind).withName(name).delete();
    }

    @SuppressWarnings("unchecked")
    private ResourceDocument document(GenericKubernetesResource resource) {
        return ResourceDocument.of(driver.getKubernetesSerialization().convertValue(resource, Map.class));
    }

    private GenericKubernetesResource resource(ResourceDocument document) {
        return driver.getKubernetesSerialization().convertValue(document.asMap(), GenericKubernetesResource.class);
    }

    /**
     * Returns the fault switches of the server (error statuses, dropped watches).
     *
     * @return the dispatcher
     */
    public FaultInjectingDispatcher faults() {
        return dispatcher;
    }

    /**
     * Returns every {@code spec.nodeName} field selector requirement received (for example
     * {@code spec.nodeName=node-a}), in arrival order.
     *
     * @return the requirements
     */
    public List<String> nodeNameSelectors() {
        return List.copyOf(crud.nodeNameSelectors());
    }

    /**
     * Returns the network switches (cut connections, refuse connections).
     *
     * @return the proxy
     */
    public TcpProxy network() {
        return proxy;
    }

    /**
     * Returns every request the server received.
     *
     * @return the log
     */
    public RequestLog requests() {
        return requests;
    }

    @Override
    public void close() {
        driver.close();
        proxy.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // fabric8's WatchEventsListener.onFailure waits on the vert.x event loop for a queued close
            // that needs that same loop; the server then gives up stopping after 10 s. Its threads are
            // daemons and its port is ephemeral, so nothing a test checks is affected.
            LoggerFactory.getLogger(MockApiServer.class).warn("mock API server did not stop cleanly: {}",
                    e.getMessage());
        }
    }
}
