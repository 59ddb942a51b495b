package dev.multipool.plugins.pod;

import static dev.multipool.api.PoolKind.CILIUM_POD_IP_POOL;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.BackgroundTask;
import dev.multipool.api.Cidr;
import dev.multipool.api.ConsumerDefinition;
import dev.multipool.api.DemandMode;
import dev.multipool.api.Family;
import dev.multipool.api.GateDeadline;
import dev.multipool.api.GateStatus;
import dev.multipool.api.HostMode;
import dev.multipool.api.IpamConsumer;
import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSelectionException;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.SelectionRequest;
import dev.multipool.api.StartupGate;
import dev.multipool.host.testing.kubernetes.NodeNameSelectorDispatcher;
import dev.multipool.plugins.pod.support.PodTestContext;
import dev.multipool.testkit.TestClock;
import dev.multipool.testkit.TestPoolCatalog;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pod consumer as the host sees it: id, options and the definition it returns. */
class PodIpamConsumerTest {

    private final TestPoolCatalog catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL, 
            pool("default").ipv4("10.0.0.0/16", 24).ipv6("fd00::/104", 120).build(),
            pool("blue").ipv4("10.1.0.0/16", 26).annotation("ipam.cilium.io/skip-masquerade", "true").build());

    @Test
    @DisplayName("the consumer id is pod and its options carry Cilium's names and defaults")
    void idAndOptions() {
        IpamConsumer consumer = new PodIpamConsumer();

        assertThat(consumer.id()).isEqualTo("pod").matches(IpamConsumer.ID_PATTERN);
        assertThat(consumer.options()).extracting(OptionSpec::name, OptionSpec::type, OptionSpec::defaultValue)
                .containsExactly(
                        tuple("ipam-multi-pool-pre-allocation", OptionType.POOL_COUNTS,
                                Optional.of("default=8")),
                        tuple("ipam-default-ip-pool", OptionType.NAME, Optional.of("default")),
                        tuple("only-masquerade-default-pool", OptionType.BOOLEAN,
                                Optional.of("false")),
                        tuple("ipam-multi-pool-cidr-wait-timeout", OptionType.DURATION,
                                Optional.of("3m")));
        assertThat(consumer.options()).allSatisfy(option -> assertThat(option.help()).isNotBlank());
    }

    @Test
    @DisplayName("define: spec.ipam.pools, CiliumPodIPPools, default=8, Cilium's demand, no manager use in define")
    void defineStandalone() {
        var context = PodTestContext.of(catalog);

        ConsumerDefinition definition = new PodIpamConsumer().define(context);

        assertThat(definition.sectionAccessor().describe()).isEqualTo("spec.ipam.pools");
        assertThat(definition.poolKind()).isEqualTo(PoolKind.CILIUM_POD_IP_POOL);
        assertThat(definition.preAllocation()).containsExactly(Map.entry(PoolName.of("default"), 8));
        assertThat(definition.demandMode()).isEqualTo(DemandMode.CEIL);
        assertThat(definition.backgroundTasks()).isEmpty();
    }

    @Test
    @DisplayName("define: gates cidrs-present, pools-known, first-node-write in Cilium's order, CIDR wait from the option")
    void gatesInOrder() {
        var context = PodTestContext.of(catalog)
                .option("ipam-multi-pool-cidr-wait-timeout", "30s");

        List<StartupGate> gates = new PodIpamConsumer().define(context).startupGates();

        assertThat(gates).extracting(StartupGate::name).containsExactly("cidrs-present", "pools-known", "first-node-write");
        assertThat(gates.get(0).deadline()).isEqualTo(GateDeadline.proceedAfter(Duration.ofSeconds(30)));
        context.restored();
        assertThat(gates.get(0).check().detail()).contains("pool 'default' has no free ipv4 address");
        assertThat(gates.get(1).check()).isEqualTo(GateStatus.open());
        assertThat(gates.get(2).check().state()).isEqualTo(GateStatus.State.WAITING);
    }

    @Test
    @DisplayName("P2: the defined pools-known gate gives a missing pre-allocated pool 1 minute on the host's clock, "
            + "then opens with a warning naming it")
    void poolsKnownBudgetIsOneMinute() {
        TestClock clock = new TestClock();
        var context = PodTestContext.of(catalog).clock(clock)
                .option("ipam-multi-pool-pre-allocation", "default=8,mars=2");
        StartupGate poolsKnown = new PodIpamConsumer().define(context).startupGates().get(1);

        assertThat(poolsKnown.check().detail()).contains("'mars'");
        clock.advance(Duration.ofSeconds(59));
        assertThat(poolsKnown.check().state()).isEqualTo(GateStatus.State.WAITING);
        clock.advance(Duration.ofSeconds(1));

        GateStatus status = poolsKnown.check();
        assertThat(status.state()).isEqualTo(GateStatus.State.OPEN);
        assertThat(status.detail()).contains("[mars]");
    }

    @Test
    @DisplayName("define: the masquerade policy reads the pool table and the only-masquerade-default-pool option")
    void masqueradePolicy() {
        var plain = new PodIpamConsumer().define(PodTestContext.of(catalog)).masqueradePolicy();
        var onlyDefault = new PodIpamConsumer().define(PodTestContext.of(catalog)
                .option("only-masquerade-default-pool", "true")).masqueradePolicy();

        assertThat(plain.skipMasquerade(PoolName.of("blue"))).isTrue();
        assertThat(plain.skipMasquerade(PoolName.of("default"))).isFalse();
        assertThatThrownBy(() -> plain.skipMasquerade(PoolName.of("orange")))
                .isInstanceOf(MasqueradePolicyException.class);
        assertThat(onlyDefault.skipMasquerade(PoolName.of("orange"))).isTrue();
    }

    @Test
    @DisplayName("define: standalone selection gives the configured default pool, whatever the owner")
    void standaloneSelection() {
        var context = PodTestContext.of(catalog).option("ipam-default-ip-pool", "main");

        var selector = new PodIpamConsumer().define(context).poolSelector().orElseThrow();

        assertThat(selector.select(new SelectionRequest("default/client", Family.IPV4))).isEqualTo(PoolName.of("main"));
        assertThat(selector.select(new SelectionRequest("router", Family.IPV6))).isEqualTo(PoolName.of("main"));
    }

    @Test
    @DisplayName("define: the alloc range is the node's primary alloc CIDR")
    void allocRange() {
        var node = ResourceDocument.of(Map.of("spec", Map.of("ipam", Map.of("pools", Map.of("allocated",
                List.of(Map.of("pool", "default", "cidrs", List.of("10.0.3.0/24", "fd00::300/120"))))))));

        var resolver = new PodIpamConsumer().define(PodTestContext.of(catalog)).allocRange();

        assertThat(resolver.allocRange(node, Family.IPV6)).contains(Cidr.parse("fd00::300/120"));
    }

    @Test
    @DisplayName("an invalid --ipam-default-ip-pool is refused by option parsing, naming the option")
    void invalidDefaultPool() {
        var context = PodTestContext.of(catalog);

        assertThatThrownBy(() -> context.option("ipam-default-ip-pool", "Main_Pool"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid value \"Main_Pool\" for --ipam-default-ip-pool: must be a DNS-1123 subdomain");
    }

    @Test
    @DisplayName("Kubernetes mode: informers as background tasks feed selection from pod annotations")
    void kubernetesMode() {
        var dispatcher = new NodeNameSelectorDispatcher();
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("web").endMetadata().build())
                    .create();
            client.pods().inNamespace("web").resource(new PodBuilder()
                    .withNewMetadata().withName("front").withNamespace("web")
                    .withAnnotations(Map.of("ipam.cilium.io/ip-pool", "blue")).endMetadata()
                    .withNewSpec().withNodeName("node-a").endSpec().build()).create();
            var context = PodTestContext.of(catalog).mode(HostMode.KUBERNETES).service(KubernetesClient.class, client);

            ConsumerDefinition definition = new PodIpamConsumer().define(context);
            var selector = definition.poolSelector().orElseThrow();
            assertThat(definition.backgroundTasks()).extracting(BackgroundTask::name)
                    .containsExactly("pod-pool-selectors", "pod-informers");
            assertThatThrownBy(() -> selector.select(new SelectionRequest("web/front", Family.IPV4)))
                    .isInstanceOf(PoolSelectionException.class);

            for (BackgroundTask task : definition.backgroundTasks()) {
                task.start();
            }
            try {
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                        selector.select(new SelectionRequest("web/front", Family.IPV4)).equals(PoolName.of("blue")));
                assertThat(selector.select(new SelectionRequest("router", Family.IPV4))).isEqualTo(PoolName.of("default"));
            } finally {
                List<BackgroundTask> tasks = definition.backgroundTasks();
                for (int i = tasks.size() - 1; i >= 0; i--) {
                    tasks.get(i).close();
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            server.destroy();
        }
    }
}
