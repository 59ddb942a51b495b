package dev.multipool.plugins.pod.kubernetes;

import static dev.multipool.api.PoolKind.CILIUM_POD_IP_POOL;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSelectionException;
import dev.multipool.api.SelectionRequest;
import dev.multipool.host.testing.kubernetes.NodeNameSelectorDispatcher;
import dev.multipool.plugins.pod.selection.PodMeta;
import dev.multipool.plugins.pod.selection.PodPoolSelector;
import dev.multipool.plugins.pod.selection.SelectorPoolCache;
import dev.multipool.testkit.TestPoolCatalog;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pool selection (P7, S58–S64) fed by fabric8 informers against fabric8's CRUD mock API server.
 * The mock cannot evaluate a {@code spec.nodeName} field selector (see {@link NodeNameSelectorDispatcher}),
 * so it serves every node's pods here and the tests prove the plugin keeps other nodes' pods out.
 */
class InformerPodDirectoryTest {

    private static final String IP_POOL = "ipam.cilium.io/ip-pool";
    private static final String IPV4_POOL = "ipam.cilium.io/ipv4-pool";

    private static NodeNameSelectorDispatcher dispatcher;
    private static KubernetesMockServer server;
    private static KubernetesClient client;

    private final TestPoolCatalog catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL, pool("default").ipv4("10.0.0.0/16", 24).build());
    private InformerPodDirectory directory;
    private SelectorPoolCache selectorPools;
    private PodPoolSelector selector;

    @BeforeAll
    static void apiServer() {
        dispatcher = new NodeNameSelectorDispatcher();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        client = server.createClient();
    }

    @AfterAll
    static void stopApiServer() {
        client.close();
        server.destroy();
    }

    @BeforeEach
    void cluster() {
        server.reset();
        dispatcher.nodeNameSelectors().clear();
        namespace("default", Map.of(), Map.of());
        namespace("special", Map.of(), Map.of(IP_POOL, "namespace-pool"));
        namespace("team", Map.of("env", "prod"), Map.of());
        pod("default", "client", "node-a", Map.of(), Map.of());
        pod("default", "annotated", "node-a", Map.of(), Map.of(IPV4_POOL, "ipv4-pool", IP_POOL, "custom-pool"));
        pod("special", "plain", "node-a", Map.of(), Map.of());
        pod("default", "elsewhere", "node-b", Map.of(), Map.of(IP_POOL, "other-node-pool"));
        directory = new InformerPodDirectory(client, "node-a");
        selectorPools = new SelectorPoolCache(catalog);
        selector = new PodPoolSelector(catalog, selectorPools, directory, PoolName.of("default"));
    }

    @AfterEach
    void stop() {
        directory.close();
        selectorPools.close();
    }

    // createOr(update), not create: fabric8 retries a POST the busy mock answered late, and the retry
    // would otherwise fail with 409 "already exists" although the first attempt succeeded
    private void namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .withAnnotations(annotations).endMetadata().build()).createOr(NonDeletingOperation::update);
    }

    private void pod(String namespace, String name, String node, Map<String, String> labels,
                     Map<String, String> annotations) {
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("busybox").endContainer()
                .endSpec().build()).createOr(NonDeletingOperation::update);
    }

    private void startAndSync() {
        selectorPools.start();
        directory.start();
        await().atMost(Duration.ofSeconds(10)).until(directory::isSynced);
    }

    private String select(String owner, Family family) {
        return selector.select(new SelectionRequest(owner, family)).value();
    }

    @Test
    @DisplayName("S59/S60: pod and namespace annotations read from the informers")
    void s59s60AnnotationsFromInformers() {
        startAndSync();

        assertThat(select("default/client", Family.IPV4)).isEqualTo("default");
        assertThat(select("default/annotated", Family.IPV4)).isEqualTo("ipv4-pool");
        assertThat(select("default/annotated", Family.IPV6)).isEqualTo("custom-pool");
        assertThat(select("special/plain", Family.IPV4)).isEqualTo("namespace-pool");
        assertThat(directory.pod("default", "annotated")).map(PodMeta::annotations)
                .contains(Map.of(IPV4_POOL, "ipv4-pool", IP_POOL, "custom-pool"));
    }

    @Test
    @DisplayName("P7: only pods of this node: the watch asks for spec.nodeName, and another node's pod is not found")
    void p7PodsOfThisNodeOnly() {
        startAndSync();

        assertThat(dispatcher.nodeNameSelectors()).isNotEmpty().containsOnly("spec.nodeName=node-a");
        assertThat(directory.pod("default", "client")).isPresent();
        assertThat(directory.pod("default", "elsewhere")).isEmpty();
        assertThatThrownBy(() -> select("default/elsewhere", Family.IPV4))
                .isInstanceOf(PoolSelectionException.class)
                .hasMessage("resource Pod \"default/elsewhere\" not found");
    }

    @Test
    @DisplayName("S60: a pod created after start is found once its watch event arrives; a missing one is not")
    void s60WatchedPodAppears() {
        startAndSync();
        assertThatThrownBy(() -> select("team/late", Family.IPV4)).hasMessage("resource Pod \"team/late\" not found");

        pod("team", "late", "node-a", Map.of(), Map.of(IP_POOL, "late-pool"));

        await().atMost(Duration.ofSeconds(10)).until(() -> directory.pod("team", "late").isPresent());
        assertThat(select("team/late", Family.IPV4)).isEqualTo("late-pool");
    }

    @Test
    @DisplayName("S60: a pod whose namespace is unknown is ResourceNotFound{Namespace}")
    void s60MissingNamespace() {
        pod("ghost", "pod", "node-a", Map.of(), Map.of());
        startAndSync();

        assertThatThrownBy(() -> select("ghost/pod", Family.IPV4)).hasMessage("resource Namespace \"ghost\" not found");
    }

    @Test
    @DisplayName("S61/S62: selectors over pod labels, synthetic labels and namespace labels")
    void s61s62Selectors() {
        pod("team", "web", "node-a", Map.of("app", "web"), Map.of());
        pod("team", "db", "node-a", Map.of("app", "db"), Map.of());
        catalog.put(pool("web").ipv4("10.1.0.0/16", 24).podSelector(Map.of("app", "web")).build());
        catalog.put(pool("prod").ipv4("10.2.0.0/16", 24).namespaceSelector(Map.of("env", "prod")).build());
        catalog.put(pool("pinned").ipv6("fd02::/104", 120)
                .podSelector(Map.of("io.kubernetes.pod.name", "db")).build());
        startAndSync();

        assertThatThrownBy(() -> select("team/web", Family.IPV4))
                .hasMessage("multiple CiliumPodIPPools match pod team/web (family=ipv4): [prod, web]");
        assertThat(select("team/db", Family.IPV4)).isEqualTo("prod");
        assertThat(select("team/db", Family.IPV6)).isEqualTo("pinned");
        assertThat(select("default/client", Family.IPV4)).isEqualTo("default");
    }

    @Test
    @DisplayName("S63: a namespace annotation beats a matching selector; require-pool-match on the namespace fails")
    void s63NamespaceAnnotationAndRequireMatch() {
        namespace("strict", Map.of(), Map.of("ipam.cilium.io/require-pool-match", "true"));
        pod("strict", "p", "node-a", Map.of("app", "web"), Map.of());
        pod("special", "web", "node-a", Map.of("app", "web"), Map.of());
        catalog.put(pool("web").ipv4("10.1.0.0/16", 24).podSelector(Map.of("app", "web")).build());
        startAndSync();

        assertThat(select("special/web", Family.IPV4)).isEqualTo("namespace-pool");
        assertThat(select("strict/p", Family.IPV4)).isEqualTo("web");
        assertThatThrownBy(() -> select("strict/p", Family.IPV6))
                .hasMessageContaining("no matching CiliumPodIPPool found for pod strict/p (family=ipv6)");
    }

    @Test
    @DisplayName("S64: before the pool table and the informers have synced, selection fails instead of guessing")
    void s64NotSynced() {
        TestPoolCatalog unsynced = new TestPoolCatalog(CILIUM_POD_IP_POOL);
        var early = new PodPoolSelector(unsynced, new SelectorPoolCache(unsynced), directory, PoolName.of("default"));

        assertThatThrownBy(() -> early.select(new SelectionRequest("default/client", Family.IPV4)))
                .hasMessageContaining("not synced all pod IP pools yet");
        assertThatThrownBy(() -> select("default/client", Family.IPV4))
                .hasMessageContaining("not synced the pods of this node");

        startAndSync();
        unsynced.synced(true);

        assertThat(early.select(new SelectionRequest("default/client", Family.IPV4))).isEqualTo(PoolName.of("default"));
    }

    @Test
    @DisplayName("BackgroundTask: close stops the informers; the directory then knows nothing")
    void closeStops() {
        startAndSync();
        assertThat(directory.name()).isEqualTo("pod-informers");

        directory.close();

        assertThat(directory.isSynced()).isFalse();
        assertThat(directory.pod("default", "client")).isEmpty();
        assertThat(directory.namespace("default")).isEmpty();
    }
}
