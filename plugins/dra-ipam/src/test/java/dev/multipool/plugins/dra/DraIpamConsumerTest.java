package dev.multipool.plugins.dra;

import static dev.multipool.plugins.dra.testing.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Cidr;
import dev.multipool.api.ConsumerDefinition;
import dev.multipool.api.ConsumerException;
import dev.multipool.api.DemandMode;
import dev.multipool.api.HostMode;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolRequest;
import dev.multipool.api.PoolSection;
import dev.multipool.api.ResourceDocument;
import dev.multipool.testkit.TestConsumerContext;
import dev.multipool.testkit.TestPoolCatalog;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DraIpamConsumerTest {

    private final TestConsumerContext context = TestConsumerContext.of(new DraIpamConsumer()).nodeName("worker-1")
            .mode(HostMode.KUBERNETES);
    private final TestPoolCatalog catalog = context.pools(PoolKind.CILIUM_RESOURCE_IP_POOL);

    @Test
    @DisplayName("consumer id dra, options --resource-ipam-multi-pool-pre-allocation and --dra-driver-name, both unset")
    void idAndOptions() {
        DraIpamConsumer consumer = new DraIpamConsumer();

        assertThat(consumer.id()).isEqualTo("dra");
        assertThat(consumer.options()).extracting(OptionSpec::name, OptionSpec::type, OptionSpec::defaultValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("resource-ipam-multi-pool-pre-allocation", OptionType.POOL_COUNTS,
                                Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("dra-driver-name", OptionType.NAME, Optional.empty()));
    }

    @Test
    @DisplayName("D2: own section spec.ipam.resourcepools, CiliumResourceIPPool, no pool selector, CEIL demand")
    void definitionShape() {
        ConsumerDefinition definition = new DraIpamConsumer().define(context);

        assertThat(definition.poolKind()).isEqualTo(PoolKind.CILIUM_RESOURCE_IP_POOL);
        assertThat(definition.poolSelector()).isEmpty();
        assertThat(definition.demandMode()).isEqualTo(DemandMode.CEIL);
        assertThat(definition.preAllocation()).isEmpty();
        assertThat(definition.backgroundTasks()).isEmpty();
        assertThat(definition.startupGates()).extracting(gate -> gate.name()).containsExactly("cidrs-present");

        PoolSection section = new PoolSection(
                List.of(new PoolRequest(PoolName.of("test-ip-pool"), new PoolDemand(1, 1))),
                List.of(new PoolAllocation(PoolName.of("test-ip-pool"),
                        List.of(Cidr.parse("10.10.0.0/24"), Cidr.parse("fd00:200:1::/64")))));
        ResourceDocument podPools = ResourceDocument.of(Map.of("metadata", Map.of("name", "worker-1"),
                "spec", Map.of("ipam", Map.of("pools", Map.of("allocated",
                        List.of(Map.of("pool", "test-ip-pool", "cidrs", List.of("10.99.0.0/24"))))))));

        ResourceDocument written = definition.sectionAccessor().write(podPools, section);

        assertThat(written.get("spec", "ipam", "resourcepools", "requested")).isPresent();
        assertThat(written.get("spec", "ipam", "pools")).isEqualTo(podPools.get("spec", "ipam", "pools"));
        assertThat(definition.sectionAccessor().read(written)).isEqualTo(section);
        assertThat(definition.sectionAccessor().read(podPools)).isEqualTo(PoolSection.EMPTY);
    }

    @Test
    @DisplayName("pre-allocation comes from --resource-ipam-multi-pool-pre-allocation")
    void preAllocationOption() {
        context.option("resource-ipam-multi-pool-pre-allocation", "sriov-a=4");

        assertThat(new DraIpamConsumer().define(context).preAllocation()).containsExactly(Map.entry(PoolName.of("sriov-a"), 4));
    }

    @Test
    @DisplayName("the definition's masquerade policy reads the pool annotation")
    void policyInDefinition() {
        catalog.put(pool("skipping", "10.1.0.0/16", null, null, Map.of("ipam.cilium.io/skip-masquerade", "true")));
        catalog.put(pool("plain", "10.2.0.0/16", null));
        ConsumerDefinition definition = new DraIpamConsumer().define(context);

        assertThat(definition.masqueradePolicy().skipMasquerade(PoolName.of("skipping"))).isTrue();
        assertThat(definition.masqueradePolicy().skipMasquerade(PoolName.of("plain"))).isFalse();
    }

    @Test
    @DisplayName("--dra-driver-name without a Kubernetes client (standalone): no claim controller, REST only")
    void driverNameWithoutClient() {
        context.option("dra-driver-name", "net.example.com").mode(HostMode.STANDALONE);

        assertThat(new DraIpamConsumer().define(context).backgroundTasks()).isEmpty();
    }

    @Test
    @DisplayName("--dra-driver-name with a Kubernetes client: the claim controller is a background task")
    void driverNameWithClient() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:9").build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            context.option("dra-driver-name", "net.example.com").service(KubernetesClient.class, client);

            assertThat(new DraIpamConsumer().define(context).backgroundTasks())
                    .extracting(task -> task.name()).containsExactly("dra-claim-controller");
        }
    }

    @Test
    @DisplayName("a --dra-driver-name that is no object name is refused by option parsing, naming the option")
    void invalidDriverName() {
        assertThatThrownBy(() -> context.option("dra-driver-name", "Not_A_Driver"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid value \"Not_A_Driver\" for --dra-driver-name: must be a DNS-1123 subdomain");
    }

    @Test
    @DisplayName("a --dra-driver-name longer than a DRA driver name may be fails the consumer, naming the option")
    void driverNameLongerThan63() {
        String name = "a".repeat(52) + ".example.com"; // a valid object name of 64 characters
        context.option("dra-driver-name", name);

        assertThatThrownBy(() -> new DraIpamConsumer().define(context))
                .isInstanceOf(ConsumerException.class)
                .hasMessageContaining("--dra-driver-name")
                .hasMessageContaining("at most 63 characters");
    }
}
