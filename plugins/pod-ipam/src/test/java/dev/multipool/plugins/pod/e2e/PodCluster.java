package dev.multipool.plugins.pod.e2e;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.PoolKind;
import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import dev.multipool.host.testing.kubernetes.TestOperator;
import dev.multipool.plugins.pod.support.Pools;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A small cluster on fabric8's CRUD mock API server for end-to-end tests of the BUILT pod-ipam jar:
 * namespaces, pods and CiliumPodIPPools set up as the test's own client, a {@link TestOperator}
 * delegating blocks of the pools into every CiliumNode's {@code spec.ipam.pools}, and real hosts in
 * Kubernetes mode (one per node, {@link KubernetesHost}) with the plugin jar named by the system
 * property {@code plugin.jar} in their plugins directory.
 *
 * <p>{@link #close()} stops the hosts (checking every CiliumNode body they wrote against Cilium's
 * schema), the operator and the server.
 */
final class PodCluster implements AutoCloseable {

    /** The pool kind of the pod consumer. */
    static final PoolKind KIND = PoolKind.CILIUM_POD_IP_POOL;

    private final Path directory;
    private final MockApiServer api;
    private final TestOperator operator;
    private final List<KubernetesHost> hosts = new ArrayList<>();

    private PodCluster(Path directory) {
        this.directory = directory;
        this.api = MockApiServer.start(directory);
        this.operator = TestOperator.forPodPools(api.driver()).start();
    }

    /**
     * Starts the server and the operator.
     *
     * @param directory a directory of the test's own (kubeconfig, one sub-directory per host)
     * @return the cluster
     */
    static PodCluster start(Path directory) {
        return new PodCluster(requireNonNull(directory, "directory is null"));
    }

    /**
     * Returns the built plugin jar (failsafe sets {@code plugin.jar}).
     *
     * @return the jar
     */
    static Path pluginJar() {
        String path = System.getProperty("plugin.jar");
        assertThat(path).as("system property plugin.jar (set by the failsafe configuration)").isNotBlank();
        Path jar = Path.of(path);
        assertThat(jar).as("the built pod-ipam jar: run this test after package (failsafe)").isRegularFile();
        return jar;
    }

    MockApiServer api() {
        return api;
    }

    TestOperator operator() {
        return operator;
    }

    /** Creates a CiliumPodIPPool. */
    void pool(Pools pool) {
        api.createPool(KIND, pool.document());
    }

    /** Replaces a CiliumPodIPPool, as a user's {@code kubectl replace} would. */
    void replacePool(Pools pool) {
        api.replacePool(KIND, pool.document());
    }

    /** Deletes a CiliumPodIPPool. */
    void deletePool(String name) {
        api.deletePool(KIND, name);
    }

    /** Creates a namespace (createOr: a POST fabric8 retried after a late answer must not fail with 409). */
    void namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
        api.driver().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(labels).withAnnotations(annotations).endMetadata().build())
                .createOr(NonDeletingOperation::update);
    }

    /** Creates a pod scheduled to a node. */
    void pod(String namespace, String name, String node, Map<String, String> labels, Map<String, String> annotations) {
        api.driver().pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("busybox")
                .endContainer().endSpec()
                .build()).createOr(NonDeletingOperation::update);
    }

    /** Creates a CiliumNode, as the node's registration does; the host never creates it. */
    void node(String name) {
        api.createCiliumNode(CiliumObjects.node(name));
    }

    /**
     * Starts a host for a node (creating its CiliumNode if it does not exist yet) and waits until
     * {@code /v1/healthz} answers 200.
     *
     * @param node the node name
     * @param args extra command line arguments (the pod consumer's options)
     * @return the host, stopped by {@link #close()}
     */
    KubernetesHost host(String node, String... args) {
        return host(node, builder -> builder.args(args), true);
    }

    /**
     * Starts a host for a node without waiting for its consumer.
     *
     * @param node the node name
     * @param args extra command line arguments
     * @return the host, stopped by {@link #close()}
     */
    KubernetesHost launch(String node, String... args) {
        return host(node, builder -> builder.args(args), false);
    }

    /**
     * Starts a host for a node.
     *
     * @param node the node name
     * @param customize changes to the builder (arguments, stored allocations, ...)
     * @param awaitReady whether to wait until {@code /v1/healthz} answers 200
     * @return the host, stopped by {@link #close()}
     */
    KubernetesHost host(String node, UnaryOperator<KubernetesHost.Builder> customize, boolean awaitReady) {
        if (api.ciliumNode(node).isEmpty()) {
            node(node);
        }
        Path hostDirectory = directory.resolve(node);
        assertThat(Files.exists(hostDirectory)).as("one host per node and cluster: " + node).isFalse();
        KubernetesHost.Builder builder = customize.apply(KubernetesHost.builder(api, hostDirectory).nodeName(node)
                .pluginJars(pluginJar()));
        KubernetesHost host = builder.startWithoutWaiting();
        hosts.add(host);
        if (awaitReady) {
            host.awaitReady();
        }
        return host;
    }

    @Override
    public void close() {
        try {
            for (KubernetesHost host : hosts) {
                assertThat(host.nodePuts()).allSatisfy(put ->
                        assertThat(CiliumNodeSchema.problemsOfNodeJson(put.body())).as(put.body()).isEmpty());
            }
        } finally {
            hosts.forEach(KubernetesHost::close);
            operator.close();
            api.close();
        }
    }
}
