package dev.multipool.host.pools.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes pool catalog against fabric8's CRUD mock (spec 1.2, 1.3). */
class KubernetesPoolCatalogTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final PoolKind POD = PoolKind.CILIUM_POD_IP_POOL;

    @TempDir
    Path dir;
    MockApiServer api;
    KubernetesClient client;
    KubernetesPoolCatalog catalog;
    final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void start() {
        api = MockApiServer.start(dir);
        client = api.newHostClient();
    }

    @AfterEach
    void stop() {
        if (catalog != null) {
            catalog.close();
        }
        client.close();
        api.close();
    }

    private void startCatalog(PoolKind kind) {
        catalog = new KubernetesPoolCatalog(client, kind);
        catalog.onChange(changes::incrementAndGet);
        catalog.start();
        await().atMost(WAIT).until(catalog::isSynced);
    }

    static ResourceDocument pool(PoolKind kind, String name, Map<String, Object> spec, Map<String, String> annotations) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("name", name);
        if (!annotations.isEmpty()) {
            metadata.put("annotations", annotations);
        }
        return ResourceDocument.of(Map.of("apiVersion", kind.apiVersion(), "kind", kind.kind(),
                "metadata", metadata, "spec", spec));
    }

    static Map<String, Object> ipv4(String cidr, int maskSize) {
        return Map.of("ipv4", Map.of("cidrs", List.of(cidr), "maskSize", maskSize));
    }

    @Test
    @DisplayName("v2alpha1 CiliumPodIPPools are parsed, sorted by name, with annotations and both families")
    void parsesPodPools() {
        api.createPool(POD, pool(POD, "default", ipv4("10.10.0.0/16", 24), Map.of()));
        api.createPool(POD, pool(POD, "blue", Map.of(
                "ipv4", Map.of("cidrs", List.of("172.16.0.0/20"), "maskSize", 26),
                "ipv6", Map.of("cidrs", List.of("fd10:20::/112"), "maskSize", 122),
                "podSelector", Map.of("matchLabels", Map.of("network", "blue"))),
                Map.of(PoolDefinition.SKIP_MASQUERADE_ANNOTATION, "true")));
        startCatalog(POD);

        assertThat(catalog.kind()).isEqualTo(POD);
        assertThat(catalog.list()).extracting(PoolDefinition::name)
                .containsExactly(PoolName.of("blue"), PoolName.of("default"));
        PoolDefinition blue = catalog.get(PoolName.of("blue")).orElseThrow();
        assertThat(blue.skipMasqueradeAnnotated()).isTrue();
        assertThat(blue.family(Family.IPV4).orElseThrow().cidrs()).containsExactly(Cidr.parse("172.16.0.0/20"));
        assertThat(blue.family(Family.IPV6).orElseThrow().maskSize()).isEqualTo(122);
        assertThat(blue.selector("podSelector")).isPresent();
        assertThat(catalog.get(PoolName.of("default")).orElseThrow().ipv6()).isEmpty();
        assertThat(catalog.invalid()).isEmpty();
        await().atMost(WAIT).until(() -> changes.get() == 1);
    }

    @Test
    @DisplayName("an invalid pool is left out with its reason; fixing it brings it in")
    void skipsInvalidPool() {
        api.createPool(POD, pool(POD, "default", ipv4("10.10.0.0/16", 24), Map.of()));
        ResourceDocument broken = api.createPool(POD, pool(POD, "broken", ipv4("x", 24), Map.of()));
        api.createPool(POD, pool(POD, "nomask", Map.of("ipv4", Map.of("cidrs", List.of("10.20.0.0/16"))), Map.of()));
        startCatalog(POD);

        assertThat(catalog.list()).extracting(PoolDefinition::name).containsExactly(PoolName.of("default"));
        assertThat(catalog.get(PoolName.of("broken"))).isEmpty();
        assertThat(catalog.invalid()).containsOnlyKeys("broken", "nomask");
        assertThat(catalog.invalid().get("broken")).contains("pool \"broken\"").contains("\"x\"");
        assertThat(catalog.invalid().get("nomask")).contains("maskSize");

        api.replacePool(POD, broken.with(List.of("spec"), ipv4("10.30.0.0/16", 24)));
        await().atMost(WAIT).until(() -> catalog.get(PoolName.of("broken")).isPresent());
        assertThat(catalog.invalid()).containsOnlyKeys("nomask");
    }

    @Test
    @DisplayName("updates and deletes are tracked and every change calls the listeners; an empty kind syncs too")
    void tracksUpdatesAndDeletes() {
        startCatalog(POD);
        assertThat(catalog.list()).isEmpty();
        await().atMost(WAIT).until(() -> changes.get() == 1);

        ResourceDocument created = api.createPool(POD, pool(POD, "default", ipv4("10.10.0.0/16", 24), Map.of()));
        await().atMost(WAIT).until(() -> catalog.get(PoolName.of("default")).isPresent());
        await().atMost(WAIT).until(() -> changes.get() == 2);

        api.replacePool(POD, created.with(List.of("spec"), ipv4("10.99.0.0/16", 25)));
        await().atMost(WAIT).until(() -> catalog.get(PoolName.of("default")).orElseThrow()
                .family(Family.IPV4).orElseThrow().maskSize() == 25);
        assertThat(catalog.get(PoolName.of("default")).orElseThrow().ipv4().orElseThrow().cidrs())
                .containsExactly(Cidr.parse("10.99.0.0/16"));
        await().atMost(WAIT).until(() -> changes.get() == 3);

        api.deletePool(POD, "default");
        await().atMost(WAIT).until(() -> catalog.list().isEmpty());
        await().atMost(WAIT).until(() -> changes.get() == 4);
    }

    @Test
    @DisplayName("CiliumResourceIPPool (DRA) with ipv6: null and a nodeSelector is read by the same catalog")
    void resourcePools() {
        PoolKind kind = PoolKind.CILIUM_RESOURCE_IP_POOL;
        Map<String, Object> spec = new HashMap<>(ipv4("192.168.50.0/24", 28));
        spec.put("ipv6", null);
        spec.put("nodeSelector", Map.of("matchLabels", Map.of("nic", "sriov")));
        api.createPool(kind, pool(kind, "sriov-a", spec, Map.of()));
        api.createPool(POD, pool(POD, "default", ipv4("10.10.0.0/16", 24), Map.of()));
        startCatalog(kind);

        assertThat(catalog.list()).singleElement().satisfies(pool -> {
            assertThat(pool.kind()).isEqualTo(kind);
            assertThat(pool.name()).isEqualTo(PoolName.of("sriov-a"));
            assertThat(pool.ipv6()).isEmpty();
            assertThat(pool.selector("nodeSelector")).isPresent();
        });
    }

    @Test
    @DisplayName("not synced while the API server is unreachable; syncs when it is back")
    void syncsAfterOutage() {
        api.createPool(POD, pool(POD, "default", ipv4("10.10.0.0/16", 24), Map.of()));
        api.network().refuseConnections();
        catalog = new KubernetesPoolCatalog(client, POD);
        Subscription subscription = catalog.onChange(changes::incrementAndGet);
        catalog.start();
        await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> !catalog.isSynced());
        assertThat(catalog.list()).isEmpty();
        assertThat(changes.get()).isZero();

        api.network().acceptConnections();
        await().atMost(WAIT).until(catalog::isSynced);
        assertThat(catalog.get(PoolName.of("default"))).isPresent();
        await().atMost(WAIT).until(() -> changes.get() == 1);

        subscription.close();
        subscription.close();
        AtomicInteger later = new AtomicInteger();
        catalog.onChange(later::incrementAndGet);
        api.deletePool(POD, "default");
        await().atMost(WAIT).until(() -> later.get() == 1);
        assertThat(catalog.list()).isEmpty();
        assertThat(changes.get()).as("a closed subscription is not called").isEqualTo(1);
        assertThatThrownBy(catalog::start).isInstanceOf(IllegalStateException.class);
    }
}
