package dev.multipool.plugins.pod.selection;

import static dev.multipool.api.PoolKind.CILIUM_POD_IP_POOL;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Family;
import dev.multipool.api.IpamException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSelectionException;
import dev.multipool.api.SelectionRequest;
import dev.multipool.testkit.TestPoolCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Spec P7 and scenarios S58–S64: pool selection for a pod, over in-memory views. */
class PodPoolSelectorTest {

    private static final String IP_POOL = "ipam.cilium.io/ip-pool";
    private static final String IPV4_POOL = "ipam.cilium.io/ipv4-pool";
    private static final String IPV6_POOL = "ipam.cilium.io/ipv6-pool";
    private static final String REQUIRE = "ipam.cilium.io/require-pool-match";

    private TestPoolCatalog catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL, pool("default").ipv4("10.0.0.0/16", 24).build());
    private final TestPodDirectory directory = new TestPodDirectory()
            .namespace("default", Map.of(), Map.of())
            .pod("default", "client", Map.of(), Map.of());

    private PodPoolSelector selector() {
        return new PodPoolSelector(catalog, new SelectorPoolCache(catalog), directory, PoolName.of("default"));
    }

    private String select(String owner, Family family) {
        return selector().select(new SelectionRequest(owner, family)).value();
    }

    @Test
    @DisplayName("S58: default/client without annotations, router, and default/xwing_net2 get pool default")
    void s58DefaultPool() {
        assertThat(select("default/client", Family.IPV4)).isEqualTo("default");
        assertThat(select("router", Family.IPV4)).isEqualTo("default");
        assertThat(select("default/xwing_net2", Family.IPV6)).isEqualTo("default");
    }

    @Test
    @DisplayName("S58: the default pool is the one configured with --ipam-default-ip-pool")
    void s58ConfiguredDefaultPool() {
        var custom = new PodPoolSelector(catalog, new SelectorPoolCache(catalog), directory, PoolName.of("main"));

        assertThat(custom.select(new SelectionRequest("health", Family.IPV4))).isEqualTo(PoolName.of("main"));
    }

    @Test
    @DisplayName("S59: ipv4-pool only: IPv4 gets it, IPv6 gets default")
    void s59FamilyAnnotationOnly() {
        directory.pod("default", "v4", Map.of(), Map.of(IPV4_POOL, "ipv4-pool"));

        assertThat(select("default/v4", Family.IPV4)).isEqualTo("ipv4-pool");
        assertThat(select("default/v4", Family.IPV6)).isEqualTo("default");
    }

    @Test
    @DisplayName("S59: ipv4-pool plus ip-pool: IPv4 gets ipv4-pool, IPv6 gets custom-pool")
    void s59FamilyAnnotationBeatsIpPool() {
        directory.pod("default", "mixed", Map.of(), Map.of(IPV4_POOL, "ipv4-pool", IP_POOL, "custom-pool"));

        assertThat(select("default/mixed", Family.IPV4)).isEqualTo("ipv4-pool");
        assertThat(select("default/mixed", Family.IPV6)).isEqualTo("custom-pool");
    }

    @Test
    @DisplayName("S59: ipv4-pool, ipv6-pool and ip-pool: IPv6 gets ipv6-pool")
    void s59AllThreeAnnotations() {
        directory.pod("default", "all", Map.of(),
                Map.of(IPV4_POOL, "ipv4-pool", IPV6_POOL, "ipv6-pool", IP_POOL, "custom-pool"));

        assertThat(select("default/all", Family.IPV6)).isEqualTo("ipv6-pool");
        assertThat(select("default/all", Family.IPV4)).isEqualTo("ipv4-pool");
    }

    @Test
    @DisplayName("P7: empty annotation values are ignored")
    void p7EmptyAnnotationIgnored() {
        directory.pod("default", "empty", Map.of(), Map.of(IPV4_POOL, "", IP_POOL, "custom-pool"));

        assertThat(select("default/empty", Family.IPV4)).isEqualTo("custom-pool");
    }

    @Test
    @DisplayName("S60: namespace special annotated namespace-pool: plain pod gets it, annotated pod keeps its own")
    void s60NamespaceAnnotation() {
        directory.namespace("special", Map.of(), Map.of(IP_POOL, "namespace-pool"))
                .pod("special", "plain", Map.of(), Map.of())
                .pod("special", "own", Map.of(), Map.of(IP_POOL, "pod-pool"));

        assertThat(select("special/plain", Family.IPV4)).isEqualTo("namespace-pool");
        assertThat(select("special/own", Family.IPV4)).isEqualTo("pod-pool");
    }

    @Test
    @DisplayName("S60: a missing pod is ResourceNotFound{Pod}, naming the pod, family and owner")
    void s60MissingPod() {
        assertThatThrownBy(() -> select("does-not/exist", Family.IPV4))
                .isInstanceOf(PoolSelectionException.class)
                .hasMessage("resource Pod \"does-not/exist\" not found")
                .satisfies(e -> {
                    assertThat(((IpamException) e).owner()).contains("does-not/exist");
                    assertThat(((IpamException) e).family()).contains(Family.IPV4);
                });
    }

    @Test
    @DisplayName("S60: a pod in a missing namespace is ResourceNotFound{Namespace}")
    void s60MissingNamespace() {
        directory.pod("ghost", "pod", Map.of(), Map.of());

        assertThatThrownBy(() -> select("ghost/pod", Family.IPV4))
                .isInstanceOf(PoolSelectionException.class)
                .hasMessage("resource Namespace \"ghost\" not found");
    }

    @Test
    @DisplayName("S60: a pod annotation wins even when the namespace is missing (pod is checked first)")
    void s60PodAnnotationBeforeNamespaceLookup() {
        directory.pod("ghost", "annotated", Map.of(), Map.of(IP_POOL, "pod-pool"));

        assertThat(select("ghost/annotated", Family.IPV4)).isEqualTo("pod-pool");
    }

    @Test
    @DisplayName("P7: an annotation naming an invalid pool is an error naming the pod and annotation")
    void p7InvalidAnnotatedPool() {
        directory.pod("default", "bad", Map.of(), Map.of(IP_POOL, "Not_A_Pool"));

        assertThatThrownBy(() -> select("default/bad", Family.IPV4))
                .isInstanceOf(PoolSelectionException.class)
                .hasMessageContaining("pod default/bad")
                .hasMessageContaining(IP_POOL)
                .hasMessageContaining("\"Not_A_Pool\"");
    }

    @Test
    @DisplayName("S61: two v4 pools both selecting team=blue is an error listing both")
    void s61MultipleMatches() {
        catalog.put(pool("blue-a").ipv4("10.1.0.0/16", 24).podSelector(Map.of("team", "blue")).build());
        catalog.put(pool("blue-b").ipv4("10.2.0.0/16", 24).podSelector(Map.of("team", "blue")).build());
        directory.pod("default", "member", Map.of("team", "blue"), Map.of());

        assertThatThrownBy(() -> select("default/member", Family.IPV4))
                .isInstanceOf(PoolSelectionException.class)
                .hasMessage("multiple CiliumPodIPPools match pod default/member (family=ipv4): [blue-a, blue-b]");
    }

    @Test
    @DisplayName("S62: pools offering only v4 or only v6 split the families of one pod")
    void s62FamilySpecificPools() {
        catalog.put(pool("foo-v4").ipv4("10.1.0.0/16", 24).podSelector(Map.of("app", "foo")).build());
        catalog.put(pool("foo-v6").ipv6("fd01::/104", 120).podSelector(Map.of("app", "foo")).build());
        directory.pod("default", "foo", Map.of("app", "foo"), Map.of());

        assertThat(select("default/foo", Family.IPV4)).isEqualTo("foo-v4");
        assertThat(select("default/foo", Family.IPV6)).isEqualTo("foo-v6");
        assertThat(select("default/client", Family.IPV4)).isEqualTo("default");
    }

    @Test
    @DisplayName("S62: a podSelector on the synthetic namespace and name labels matches")
    void s62SyntheticLabels() {
        catalog.put(pool("pinned").ipv4("10.1.0.0/16", 24)
                .podSelector(Map.of("io.kubernetes.pod.namespace", "default", "io.kubernetes.pod.name", "client"))
                .build());
        directory.pod("default", "other", Map.of(), Map.of());

        assertThat(select("default/client", Family.IPV4)).isEqualTo("pinned");
        assertThat(select("default/other", Family.IPV4)).isEqualTo("default");
    }

    @Test
    @DisplayName("P7: a namespaceSelector matches the namespace's labels; with both selectors both must match")
    void p7NamespaceSelectorAndBoth() {
        catalog.put(pool("prod").ipv4("10.1.0.0/16", 24).namespaceSelector(Map.of("env", "prod")).build());
        catalog.put(pool("prod-web").ipv4("10.2.0.0/16", 24)
                .namespaceSelector(Map.of("env", "staging")).podSelector(Map.of("tier", "web")).build());
        directory.namespace("shop", Map.of("env", "prod"), Map.of())
                .namespace("stage", Map.of("env", "staging"), Map.of())
                .pod("shop", "api", Map.of("tier", "api"), Map.of())
                .pod("stage", "web", Map.of("tier", "web"), Map.of())
                .pod("stage", "api", Map.of("tier", "api"), Map.of());

        assertThat(select("shop/api", Family.IPV4)).isEqualTo("prod");
        assertThat(select("stage/web", Family.IPV4)).isEqualTo("prod-web");
        assertThat(select("stage/api", Family.IPV4)).isEqualTo("default");
    }

    @Test
    @DisplayName("P7: matchExpressions work in pool selectors")
    void p7MatchExpressions() {
        catalog.put(pool("gold").ipv4("10.1.0.0/16", 24).spec("podSelector", Map.of("matchExpressions",
                List.of(Map.of("key", "tier", "operator", "In", "values", List.of("gold", "platinum"))))).build());
        directory.pod("default", "vip", Map.of("tier", "platinum"), Map.of());

        assertThat(select("default/vip", Family.IPV4)).isEqualTo("gold");
    }

    @Test
    @DisplayName("S63: a pod annotation beats a matching selector")
    void s63PodAnnotationOverridesSelector() {
        catalog.put(pool("blue").ipv4("10.1.0.0/16", 24).podSelector(Map.of("team", "blue")).build());
        directory.pod("default", "chosen", Map.of("team", "blue"), Map.of(IP_POOL, "red"));

        assertThat(select("default/chosen", Family.IPV4)).isEqualTo("red");
    }

    @Test
    @DisplayName("S63: a namespace annotation beats a matching selector")
    void s63NamespaceAnnotationOverridesSelector() {
        catalog.put(pool("blue").ipv4("10.1.0.0/16", 24).podSelector(Map.of("team", "blue")).build());
        directory.namespace("team", Map.of(), Map.of(IP_POOL, "ns-pool"))
                .pod("team", "member", Map.of("team", "blue"), Map.of());

        assertThat(select("team/member", Family.IPV4)).isEqualTo("ns-pool");
    }

    @Test
    @DisplayName("P7: no selector match with require-pool-match on the pod is an error naming the pod")
    void p7RequirePoolMatchOnPod() {
        catalog.put(pool("blue").ipv4("10.1.0.0/16", 24).podSelector(Map.of("team", "blue")).build());
        directory.pod("default", "strict", Map.of("team", "red"), Map.of(REQUIRE, "true"));

        assertThatThrownBy(() -> select("default/strict", Family.IPV4))
                .isInstanceOf(PoolSelectionException.class)
                .hasMessage("no matching CiliumPodIPPool found for pod default/strict (family=ipv4) and "
                        + "ipam.cilium.io/require-pool-match is set on the pod");
    }

    @Test
    @DisplayName("P7: no selector match with require-pool-match on the namespace is an error; other values fall back")
    void p7RequirePoolMatchOnNamespace() {
        directory.namespace("strict", Map.of(), Map.of(REQUIRE, "true"))
                .namespace("lax", Map.of(), Map.of(REQUIRE, "yes"))
                .pod("strict", "p", Map.of(), Map.of())
                .pod("lax", "p", Map.of(), Map.of());

        assertThatThrownBy(() -> select("strict/p", Family.IPV6))
                .isInstanceOf(PoolSelectionException.class)
                .hasMessageEndingWith("is set on the namespace");
        assertThat(select("lax/p", Family.IPV6)).isEqualTo("default");
    }

    @Test
    @DisplayName("S64: before the pool table syncs the answer is an error, even for non-pod owners; after it, default")
    void s64NotSyncedThenSynced() {
        catalog = new TestPoolCatalog(CILIUM_POD_IP_POOL);
        var selector = selector();

        assertThatThrownBy(() -> selector.select(new SelectionRequest("p1", Family.IPV4)))
                .isInstanceOf(PoolSelectionException.class)
                .hasMessageContaining("not synced all pod IP pools yet");

        catalog.synced(true);

        assertThat(selector.select(new SelectionRequest("p1", Family.IPV4))).isEqualTo(PoolName.of("default"));
    }

    @Test
    @DisplayName("S64: upserting a pool without selectors removes it from selector matching; deleting it too")
    void s64PoolWithoutSelectorsLeavesTheCompiledSet() {
        SelectorPoolCache cache = new SelectorPoolCache(catalog);
        cache.start();
        var selector = new PodPoolSelector(catalog, cache, directory, PoolName.of("default"));
        catalog.put(pool("p1").ipv4("10.1.0.0/16", 24).podSelector(Map.of()).build());
        assertThat(selector.select(new SelectionRequest("default/client", Family.IPV4))).isEqualTo(PoolName.of("p1"));

        catalog.put(pool("p1").ipv4("10.1.0.0/16", 24).build());
        assertThat(selector.select(new SelectionRequest("default/client", Family.IPV4))).isEqualTo(PoolName.of("default"));

        catalog.put(pool("p1").ipv4("10.1.0.0/16", 24).podSelector(Map.of()).build());
        catalog.remove("p1");
        assertThat(selector.select(new SelectionRequest("default/client", Family.IPV4))).isEqualTo(PoolName.of("default"));
        cache.close();
    }

    @Test
    @DisplayName("P7: a pool with an invalid selector is left out of matching")
    void p7InvalidSelectorIgnored() {
        catalog.put(pool("broken").ipv4("10.1.0.0/16", 24)
                .spec("podSelector", Map.of("matchExpressions", List.of(Map.of("key", "a", "operator", "Near")))).build());

        assertThat(select("default/client", Family.IPV4)).isEqualTo("default");
    }

    @Test
    @DisplayName("P7: before the pods are synced, a pod owner gets an error instead of a false 'not found'")
    void p7PodsNotSynced() {
        directory.unsynced();

        assertThatThrownBy(() -> select("default/client", Family.IPV4))
                .isInstanceOf(PoolSelectionException.class)
                .hasMessageContaining("not synced the pods of this node");
        assertThat(select("router", Family.IPV4)).isEqualTo("default");
    }
}
