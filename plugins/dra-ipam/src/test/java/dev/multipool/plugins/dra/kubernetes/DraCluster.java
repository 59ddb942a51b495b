package dev.multipool.plugins.dra.kubernetes;

import static dev.multipool.plugins.dra.testing.Claims.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import dev.multipool.host.testing.kubernetes.RequestLog;
import dev.multipool.host.testing.kubernetes.TestOperator;
import dev.multipool.plugins.dra.testing.Claims;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Kubernetes "cluster" for the dra-ipam ITs: fabric8's CRUD mock (ResourceClaims served with
 * their status subresource, as the API server does), the CiliumNode of {@link #NODE} with an empty
 * {@code spec}, a {@link TestOperator} delegating from CiliumResourceIPPools (and, with the pod
 * consumer, one for CiliumPodIPPools), and a real host in Kubernetes mode whose plugins directory
 * holds the BUILT dra-ipam jar (and pod-ipam's), started with {@code --dra-driver-name}
 * {@value #DRIVER}.
 */
final class DraCluster implements AutoCloseable {

    /** The node the host runs on. */
    static final String NODE = "node-a";
    /** The DRA driver the claim controller answers for. */
    static final String DRIVER = "dra.multipool.dev";
    /** The consumer id. */
    static final String DRA = "dra";

    private final Path directory;
    private final MockApiServer api;
    private final TestOperator resourceOperator;
    private final TestOperator podOperator;
    private final List<String> args;
    private KubernetesHost host;

    private DraCluster(Path directory, boolean withPod, List<ResourceDocument> pools, List<String> args) {
        this.directory = directory;
        this.args = List.copyOf(args);
        this.api = MockApiServer.start(directory).serve(Claims.CONTEXT);
        pools.forEach(pool -> api.createPool(kindOf(pool), pool));
        api.createCiliumNode(ResourceDocument.of(Map.of("apiVersion", "cilium.io/v2", "kind", "CiliumNode",
                "metadata", Map.of("name", NODE), "spec", Map.of())));
        this.resourceOperator = TestOperator.forResourcePools(api.driver()).start();
        this.podOperator = withPod ? TestOperator.forPodPools(api.driver()).start() : null;
        copyPlugins(directory.resolve("host").resolve("plugins"), withPod);
        startHost();
    }

    static PoolKind kindOf(ResourceDocument pool) {
        String kind = pool.get("kind").map(String::valueOf).orElseThrow();
        return kind.equals(PoolKind.CILIUM_POD_IP_POOL.kind()) ? PoolKind.CILIUM_POD_IP_POOL
                : PoolKind.CILIUM_RESOURCE_IP_POOL;
    }

    /**
     * Starts the mock, the pools, the node, the operator(s) and the host with only dra-ipam.
     *
     * @param directory a directory of its own
     * @param pools the pool objects to create first
     * @param args extra host arguments
     * @return the running cluster
     */
    static DraCluster start(Path directory, List<ResourceDocument> pools, String... args) {
        return new DraCluster(directory, false, pools, List.of(args));
    }

    /**
     * Starts the cluster with the pod consumer (pod-ipam) beside dra-ipam.
     *
     * @param directory a directory of its own
     * @param pools the pool objects of both kinds to create first
     * @param args extra host arguments
     * @return the running cluster
     */
    static DraCluster startWithPod(Path directory, List<ResourceDocument> pools, String... args) {
        return new DraCluster(directory, true, pools, List.of(args));
    }

    private static void copyPlugins(Path plugins, boolean withPod) {
        try {
            Files.createDirectories(plugins);
            copy(jar("plugin.jar", "dra-ipam"), plugins);
            if (withPod) {
                copy(jar("podPlugin.jar", "pod-ipam"), plugins);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path jar(String property, String module) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Path.of(value))) {
            throw new IllegalStateException("the built " + module + " jar is missing (" + property + " = " + value
                    + "): run the ITs through Maven with the reactor building plugins/" + module + " (package)");
        }
        return Path.of(value);
    }

    private static void copy(Path jar, Path plugins) throws IOException {
        Files.copy(jar, plugins.resolve(jar.getFileName()));
    }

    /** Starts the host on the state it left (the first start: on an empty state directory). */
    void startHost() {
        List<String> all = new ArrayList<>(List.of("--dra-driver-name", DRIVER));
        all.addAll(args);
        host = KubernetesHost.builder(api, directory.resolve("host")).nodeName(NODE)
                .args(all.toArray(String[]::new)).start();
    }

    /** Stops the host (a node reboot, an upgrade); the mock and the operators go on. */
    void stopHost() {
        host.close();
    }

    MockApiServer api() {
        return api;
    }

    KubernetesClient client() {
        return api.driver();
    }

    TestOperator resourceOperator() {
        return resourceOperator;
    }

    KubernetesHost host() {
        return host;
    }

    HostRest rest() {
        return host.rest();
    }

    /**
     * Returns one section of the stored CiliumNode.
     *
     * @param path {@link CiliumObjects#POOLS} or {@link CiliumObjects#RESOURCE_POOLS}
     * @return its value, empty when absent
     */
    Optional<Object> section(List<String> path) {
        return api.ciliumNode(NODE).flatMap(node -> CiliumObjects.sectionOf(node, path));
    }

    /**
     * Returns whether a section is empty: absent, or an object without entries.
     *
     * @param path the section
     * @return true when nothing is requested or allocated in it
     */
    boolean sectionEmpty(List<String> path) {
        return section(path).map(value -> value instanceof Map<?, ?> map && map.isEmpty()).orElse(true);
    }

    /**
     * Returns a claim as stored.
     *
     * @param name the claim name
     * @return the claim, or null
     */
    ResourceClaim claim(String name) {
        return Claims.handle(client(), name).get();
    }

    /**
     * Returns this driver's {@code status.devices} entry of a device.
     *
     * @param claim the claim name
     * @param device the device
     * @return the entry, or null
     */
    AllocatedDeviceStatus entry(String claim, String device) {
        return Claims.entry(claim(claim), DRIVER, device);
    }

    /**
     * Returns the host's writes of a claim (any verb other than GET, main resource or status).
     *
     * @param claim the claim name
     * @return the requests, in order
     */
    List<RequestLog.Call> claimWrites(String claim) {
        String path = "/apis/resource.k8s.io/v1/namespaces/" + NAMESPACE + "/resourceclaims/" + claim;
        return api.requests().fromHost(call -> !call.method().equals("GET")
                && (call.pathWithoutQuery().equals(path) || call.pathWithoutQuery().equals(path + "/status")));
    }

    /** Fails unless every CiliumNode PUT the host sent so far passes Cilium's {@code spec.ipam} schema. */
    void assertEveryNodePutValid() {
        assertThat(host.nodePuts()).as("PUTs of CiliumNode %s", NODE).isNotEmpty().allSatisfy(put ->
                assertThat(CiliumNodeSchema.problemsOfNodeJson(put.body())).as(put.body()).isEmpty());
    }

    /**
     * Returns the addresses the dra consumer holds, as address to owner, both families.
     *
     * @return the allocations, all pools
     */
    Map<String, String> draAllocations() {
        Map<String, String> all = new TreeMap<>();
        for (String family : List.of("ipv4", "ipv6")) {
            host.rest().allocations(DRA, family).values().forEach(all::putAll);
        }
        return all;
    }

    @Override
    public void close() {
        try {
            if (host != null) {
                host.close();
            }
        } finally {
            resourceOperator.close();
            if (podOperator != null) {
                podOperator.close();
            }
            api.close();
        }
    }
}
