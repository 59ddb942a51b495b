package dev.multipool.plugins.pod.e2e;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocatedCidrs;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.plugins.pod.e2e.PodRest.error;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.IpAddress;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Pool selection (spec P7, S58–S64) end to end: the built plugin in a real host in Kubernetes mode,
 * pods of this node and namespaces on the mock API server read through the plugin's informers, and
 * {@code POST /v1/ipam?owner=<namespace>/<pod>} without a pool. The chosen pool's CIDRs are asked
 * for by the host in {@code requested} and delegated by the test operator; every address served is
 * checked against the CIDRs the CiliumNode lists for the pool named in the reply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodPoolSelectionIT {

    private static final String NODE = "node-a";
    private static final String IP_POOL = "ipam.cilium.io/ip-pool";
    private static final String IPV4_POOL = "ipam.cilium.io/ipv4-pool";
    private static final String IPV6_POOL = "ipam.cilium.io/ipv6-pool";
    private static final String REQUIRE_MATCH = "ipam.cilium.io/require-pool-match";

    @TempDir
    static Path dir;
    PodCluster cluster;
    KubernetesHost host;
    PodRest rest;

    @BeforeAll
    void start() {
        cluster = PodCluster.start(dir);
        cluster.pool(pool("default").ipv4("10.10.0.0/16", 26).ipv6("fd10::/104", 120));
        cluster.pool(pool("ipv4-pool").ipv4("10.20.0.0/16", 26));
        cluster.pool(pool("ipv6-pool").ipv6("fd20::/104", 120));
        cluster.pool(pool("custom-pool").ipv4("10.21.0.0/16", 26).ipv6("fd21::/104", 120));
        cluster.pool(pool("namespace-pool").ipv4("10.22.0.0/16", 26).ipv6("fd22::/104", 120));
        cluster.pool(pool("pod-pool").ipv4("10.23.0.0/16", 26).ipv6("fd23::/104", 120));
        cluster.pool(pool("blue-a").ipv4("10.30.0.0/16", 26).podSelector(Map.of("team", "blue")));
        cluster.pool(pool("blue-b").ipv4("10.31.0.0/16", 26).podSelector(Map.of("team", "blue")));
        cluster.pool(pool("foo-v4").ipv4("10.40.0.0/16", 26).podSelector(Map.of("app", "foo")));
        cluster.pool(pool("foo-v6").ipv6("fd40::/104", 120).podSelector(Map.of("app", "foo")));
        cluster.pool(pool("by-name").ipv4("10.41.0.0/16", 26).ipv6("fd41::/104", 120).podSelector(Map.of(
                "io.kubernetes.pod.namespace", "synth", "io.kubernetes.pod.name", "named")));
        cluster.pool(pool("green").ipv4("10.42.0.0/16", 26).ipv6("fd42::/104", 120)
                .namespaceSelector(Map.of("team", "green")));
        cluster.pool(pool("flip").ipv4("10.43.0.0/16", 26).ipv6("fd43::/104", 120).podSelector(Map.of("app", "flip")));

        cluster.namespace("default", Map.of(), Map.of());
        cluster.namespace("special", Map.of(), Map.of(IP_POOL, "namespace-pool"));
        cluster.namespace("synth", Map.of(), Map.of());
        cluster.namespace("green-ns", Map.of("team", "green"), Map.of());
        cluster.namespace("green-annotated", Map.of("team", "green"), Map.of(IP_POOL, "namespace-pool"));
        cluster.namespace("strict", Map.of(), Map.of(REQUIRE_MATCH, "true"));

        pod("default", "client", Map.of(), Map.of());
        pod("default", "v4-annotated", Map.of(), Map.of(IPV4_POOL, "ipv4-pool"));
        pod("default", "v4-and-ip-pool", Map.of(), Map.of(IPV4_POOL, "ipv4-pool", IP_POOL, "custom-pool"));
        pod("default", "all-three", Map.of(), Map.of(IPV4_POOL, "ipv4-pool", IPV6_POOL, "ipv6-pool",
                IP_POOL, "custom-pool"));
        pod("special", "plain", Map.of(), Map.of());
        pod("special", "own", Map.of(), Map.of(IP_POOL, "pod-pool"));
        pod("ghost", "orphan", Map.of(), Map.of());
        cluster.pod("default", "elsewhere", "node-b", Map.of(), Map.of(IP_POOL, "pod-pool"));
        pod("default", "blue-pod", Map.of("team", "blue"), Map.of());
        pod("default", "foo", Map.of("app", "foo"), Map.of());
        pod("default", "foo-annotated", Map.of("app", "foo"), Map.of(IP_POOL, "pod-pool"));
        pod("synth", "named", Map.of(), Map.of());
        pod("synth", "other", Map.of(), Map.of());
        pod("green-ns", "app", Map.of(), Map.of());
        pod("green-annotated", "app", Map.of(), Map.of());
        pod("strict", "lonely", Map.of(), Map.of());
        pod("strict", "matched", Map.of("app", "foo"), Map.of());
        pod("default", "picky", Map.of(), Map.of(REQUIRE_MATCH, "true"));
        pod("default", "flipper", Map.of("app", "flip"), Map.of());

        host = cluster.host(NODE, "--ipam-multi-pool-pre-allocation", "default=4");
        rest = new PodRest(host);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private void pod(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
        cluster.pod(namespace, name, NODE, labels, annotations);
    }

    /**
     * Allocates both families for an owner (retrying while the chosen pool waits for its first
     * CIDR), checks each address lies in a CIDR the CiliumNode lists for the pool the reply names,
     * releases them, and returns the pool per family.
     */
    private Map<String, String> poolsFor(String owner) {
        JsonNode reply = rest.nextServed(owner, null, null);
        String v4Pool = reply.at("/address/ipv4-pool-name").asString();
        String v6Pool = reply.at("/address/ipv6-pool-name").asString();
        assertDelegated(v4Pool, reply.at("/ipv4/ip").asString());
        assertDelegated(v6Pool, reply.at("/ipv6/ip").asString());
        rest.release(reply.at("/ipv4/ip").asString(), v4Pool);
        rest.release(reply.at("/ipv6/ip").asString(), v6Pool);
        return Map.of("ipv4", v4Pool, "ipv6", v6Pool);
    }

    private void assertDelegated(String pool, String ip) {
        List<String> cidrs = allocatedCidrs(cluster.api().ciliumNode(NODE).orElseThrow(), POOLS, pool);
        assertThat(cidrs).as("CIDRs of pool %s on CiliumNode %s", pool, NODE)
                .anyMatch(cidr -> Cidr.parse(cidr).contains(IpAddress.parse(ip)));
    }

    @Test
    @DisplayName("an annotated pod end to end: the host asks for the annotated pools' CIDRs, the operator delegates "
            + "them, and the pod gets ipv4-pool and ipv6-pool (S59: family keys beat ip-pool)")
    void annotatedPodEndToEnd() {
        HttpReply first = rest.next("default/all-three");

        assertThat(first.status()).as(first.bodyText()).isEqualTo(502);
        assertThat(error(first)).isEqualTo("unable to allocate from pool \"ipv6-pool\" (family ipv6): pool not (yet) "
                + "available");
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.operator().blocksOf(NODE))
                .anyMatch(block -> block.toString().startsWith("fd20:")));

        JsonNode reply = rest.nextServed("default/all-three", null, null);

        assertThat(reply.at("/address/ipv4-pool-name").asString()).isEqualTo("ipv4-pool");
        assertThat(reply.at("/address/ipv6-pool-name").asString()).isEqualTo("ipv6-pool");
        assertDelegated("ipv4-pool", reply.at("/ipv4/ip").asString());
        assertDelegated("ipv6-pool", reply.at("/ipv6/ip").asString());
        assertThat(rest.pool("ipv6-pool", "ipv6").path("allocations").path(reply.at("/ipv6/ip").asString()).asString())
                .isEqualTo("default/all-three");
        assertThat(rest.pool("ipv4-pool", "ipv6").path("cidrs").isEmpty()).as("ipv4-pool offers no IPv6").isTrue();
    }

    @Test
    @DisplayName("S58: no annotations, an owner that is not namespace/name, and an invalid pod name get the default pool")
    void defaultPool() {
        assertThat(poolsFor("default/client")).containsEntry("ipv4", "default").containsEntry("ipv6", "default");
        assertThat(poolsFor("router")).containsEntry("ipv4", "default").containsEntry("ipv6", "default");
        assertThat(poolsFor("default/xwing_net2")).containsEntry("ipv4", "default").containsEntry("ipv6", "default");
    }

    @Test
    @DisplayName("S59: ipv4-pool alone leaves IPv6 to the default pool; with ip-pool, IPv6 gets ip-pool")
    void familyAnnotations() {
        assertThat(poolsFor("default/v4-annotated")).containsEntry("ipv4", "ipv4-pool").containsEntry("ipv6", "default");
        assertThat(poolsFor("default/v4-and-ip-pool")).containsEntry("ipv4", "ipv4-pool")
                .containsEntry("ipv6", "custom-pool");
    }

    @Test
    @DisplayName("S60: the namespace annotation applies, a pod annotation beats it; a missing pod or namespace is a 502")
    void namespaceAnnotationAndMissingObjects() {
        assertThat(poolsFor("special/plain")).containsEntry("ipv4", "namespace-pool")
                .containsEntry("ipv6", "namespace-pool");
        assertThat(poolsFor("special/own")).containsEntry("ipv4", "pod-pool").containsEntry("ipv6", "pod-pool");

        HttpReply missingPod = rest.next("does-not/exist");
        HttpReply missingNamespace = rest.next("ghost/orphan", "ipv4", null);

        assertThat(missingPod.status()).isEqualTo(502);
        assertThat(error(missingPod)).isEqualTo("resource Pod \"does-not/exist\" not found");
        assertThat(missingNamespace.status()).isEqualTo(502);
        assertThat(error(missingNamespace)).isEqualTo("resource Namespace \"ghost\" not found");
    }

    @Test
    @DisplayName("only this node's pods are seen: the informer asks for spec.nodeName, and another node's pod is "
            + "not found")
    void otherNodesPodsAreNotSeen() {
        HttpReply reply = rest.next("default/elsewhere", "ipv4", null);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(error(reply)).isEqualTo("resource Pod \"default/elsewhere\" not found");
        assertThat(cluster.api().nodeNameSelectors()).contains("spec.nodeName=" + NODE)
                .allMatch(("spec.nodeName=" + NODE)::equals);
    }

    @Test
    @DisplayName("S61: two pools selecting the pod is a 502, and the IPv6 address of the same request is rolled back")
    void multipleMatches() {
        HttpReply v4 = rest.next("default/blue-pod", "ipv4", null);
        HttpReply both = rest.next("default/blue-pod");

        assertThat(v4.status()).isEqualTo(502);
        assertThat(error(v4)).isEqualTo("multiple CiliumPodIPPools match pod default/blue-pod (family=ipv4): "
                + "[blue-a, blue-b]");
        assertThat(both.status()).isEqualTo(502);
        assertThat(error(both)).contains("multiple CiliumPodIPPools match pod default/blue-pod (family=ipv4)");
        assertThat(rest.rest().allocations(PodRest.POD, "ipv6").values())
                .noneMatch(addresses -> addresses.containsValue("default/blue-pod"));
    }

    @Test
    @DisplayName("S62: selectors per family, on the synthetic namespace and name labels, and on namespace labels")
    void selectors() {
        assertThat(poolsFor("default/foo")).containsEntry("ipv4", "foo-v4").containsEntry("ipv6", "foo-v6");
        assertThat(poolsFor("synth/named")).containsEntry("ipv4", "by-name").containsEntry("ipv6", "by-name");
        assertThat(poolsFor("synth/other")).containsEntry("ipv4", "default").containsEntry("ipv6", "default");
        assertThat(poolsFor("green-ns/app")).containsEntry("ipv4", "green").containsEntry("ipv6", "green");
    }

    @Test
    @DisplayName("S63: a pod annotation and a namespace annotation beat a matching selector")
    void annotationsBeatSelectors() {
        assertThat(poolsFor("default/foo-annotated")).containsEntry("ipv4", "pod-pool").containsEntry("ipv6", "pod-pool");
        assertThat(poolsFor("green-annotated/app")).containsEntry("ipv4", "namespace-pool")
                .containsEntry("ipv6", "namespace-pool");
    }

    @Test
    @DisplayName("require-pool-match on the namespace or the pod makes no selector match a 502; a match still serves")
    void requirePoolMatch() {
        HttpReply namespace = rest.next("strict/lonely");
        HttpReply pod = rest.next("default/picky", "ipv4", null);

        assertThat(namespace.status()).isEqualTo(502);
        assertThat(error(namespace)).isEqualTo("no matching CiliumPodIPPool found for pod strict/lonely (family=ipv6) "
                + "and ipam.cilium.io/require-pool-match is set on the namespace");
        assertThat(pod.status()).isEqualTo(502);
        assertThat(error(pod)).isEqualTo("no matching CiliumPodIPPool found for pod default/picky (family=ipv4) "
                + "and ipam.cilium.io/require-pool-match is set on the pod");
        assertThat(poolsFor("strict/matched")).containsEntry("ipv4", "foo-v4").containsEntry("ipv6", "foo-v6");
    }

    @Test
    @DisplayName("S64: a pool upserted without selectors leaves selection; the pod then gets the default pool")
    void poolWithoutSelectorsLeavesSelection() {
        assertThat(poolsFor("default/flipper")).containsEntry("ipv4", "flip").containsEntry("ipv6", "flip");

        cluster.replacePool(pool("flip").ipv4("10.43.0.0/16", 26).ipv6("fd43::/104", 120));

        await().atMost(WAIT).untilAsserted(() -> assertThat(poolsFor("default/flipper"))
                .containsEntry("ipv4", "default").containsEntry("ipv6", "default"));
    }

    @Test
    @DisplayName("pods and namespaces created after the start are seen through the watches, also after the API server "
            + "dropped every watch")
    void laterObjectsAreSeen() {
        pod("default", "late", Map.of(), Map.of(IP_POOL, "pod-pool"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(poolsFor("default/late"))
                .containsEntry("ipv4", "pod-pool").containsEntry("ipv6", "pod-pool"));

        assertThat(cluster.api().faults().dropWatches()).isPositive();
        cluster.namespace("late-ns", Map.of(), Map.of(IP_POOL, "custom-pool"));
        pod("late-ns", "app", Map.of(), Map.of());

        await().atMost(WAIT).untilAsserted(() -> assertThat(poolsFor("late-ns/app"))
                .containsEntry("ipv4", "custom-pool").containsEntry("ipv6", "custom-pool"));
    }

    @Test
    @DisplayName("P6: host-addressing.alloc-range is the node's primary alloc CIDR per family: the first of "
            + "spec.ipam.podCIDRs, else of spec.ipam.pools.allocated in list order")
    void allocRange() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode reply = rest.nextServed("router", null, null);
            release(reply);
            Map<String, String> primary = primaryAllocCidrs(cluster.api().ciliumNode(NODE).orElseThrow());
            assertThat(primary).containsOnlyKeys("ipv4", "ipv6");
            assertThat(reply.at("/host-addressing/ipv4/alloc-range").asString()).isEqualTo(primary.get("ipv4"));
            assertThat(reply.at("/host-addressing/ipv6/alloc-range").asString()).isEqualTo(primary.get("ipv6"));
            assertThat(reply.at("/host-addressing/ipv4/enabled").asBoolean()).isTrue();
        });

        cluster.api().editCiliumNode(NODE, node -> node.with(List.of("spec", "ipam", "podCIDRs"),
                List.of("fd99::/112", "10.99.0.0/24", "10.98.0.0/24")));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode reply = rest.nextServed("router", null, null);
            release(reply);
            assertThat(reply.at("/host-addressing/ipv4/alloc-range").asString()).isEqualTo("10.99.0.0/24");
            assertThat(reply.at("/host-addressing/ipv6/alloc-range").asString()).isEqualTo("fd99::/112");
        });
        assertThat(cluster.api().ciliumNode(NODE).orElseThrow().getList("spec", "ipam", "podCIDRs")).as(
                "the host keeps fields it does not own").contains(List.of("fd99::/112", "10.99.0.0/24", "10.98.0.0/24"));
    }

    /** The first CIDR per family walking spec.ipam.podCIDRs, then each spec.ipam.pools.allocated entry's CIDRs. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> primaryAllocCidrs(ResourceDocument node) {
        List<Object> walk = new ArrayList<>(node.getList("spec", "ipam", "podCIDRs").orElse(List.of()));
        for (Object entry : node.getList("spec", "ipam", "pools", "allocated").orElse(List.of())) {
            walk.addAll((List<Object>) ((Map<String, Object>) entry).getOrDefault("cidrs", List.of()));
        }
        Map<String, String> primary = new HashMap<>();
        for (Object cidr : walk) {
            primary.putIfAbsent(cidr.toString().contains(":") ? "ipv6" : "ipv4", cidr.toString());
        }
        return primary;
    }

    private void release(JsonNode reply) {
        for (String family : List.of("ipv4", "ipv6")) {
            rest.release(reply.at("/" + family + "/ip").asString(), reply.at("/address/" + family + "-pool-name")
                    .asString());
        }
    }
}
