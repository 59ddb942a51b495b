package dev.multipool.examples.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import dev.multipool.api.ResourceDocument;
import dev.multipool.testkit.ConsumerIpamClient;
import dev.multipool.testkit.HostClient;
import dev.multipool.testkit.HostResponse;
import dev.multipool.testkit.MultipoolHostTest;
import dev.multipool.testkit.NodeDocument;
import dev.multipool.testkit.TestHost;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged vm-ipam jar in a real multipool host (the multipool test kit): dual-stack, the
 * example's pools, VMs of namespace {@code tenant-a} in pool {@code tenant-a} (IPv4 only), spare
 * addresses in both pools, so start-up waits for a CIDR of each.
 */
@MultipoolHostTest(pluginJars = "${plugin.jar}", standalonePools = "classpath:vm-pools.yaml", enableIpv6 = true,
        options = {"vm-ipam-namespace-pools=tenant-a=tenant-a", "vm-ipam-pre-allocation=vm-default=2,tenant-a=1"})
class VmIpamIT {

    private static final AnnotationPoolSection SECTION = new AnnotationPoolSection(VmIpamConsumer.SECTION_ANNOTATION);

    @Test
    @DisplayName("the host lists the vm consumer as ready, from plugin vm-ipam 1.0.0")
    void listed(HostClient client) {
        JsonNode vm = client.consumers().expectStatus(200).json().at("/consumers/0");

        assertThat(vm.path("id").asString()).isEqualTo("vm");
        assertThat(vm.path("state").asString()).isEqualTo("ready");
        assertThat(vm.at("/plugin/id").asString()).isEqualTo("vm-ipam");
        assertThat(vm.at("/plugin/version").asString()).isEqualTo("1.0.0");
        assertThat(vm.at("/plugin/requires").asString()).isEqualTo(">=1.0.0 & <2.0.0");
    }

    @Test
    @DisplayName("a VM gets one address per family from its namespace's pool, or from the default pool")
    void namespaceChoosesThePool(HostClient client) {
        ConsumerIpamClient vms = client.ipam(VmIpamConsumer.ID);

        HostResponse web = vms.allocateNext("shop/web-1").expectStatus(201);
        HostResponse db = vms.allocateNext("tenant-a/db-1", null, Family.IPV4).expectStatus(201);

        assertThat(web.poolName(Family.IPV4)).contains("vm-default");
        assertThat(web.address(Family.IPV4)).get().asString().startsWith("10.60.");
        assertThat(web.address(Family.IPV6)).get().asString().startsWith("fd00:60:");
        assertThat(web.json().at("/ipv4/skip-masquerade").asBoolean()).isFalse();
        assertThat(db.poolName(Family.IPV4)).contains("tenant-a");
        assertThat(db.address(Family.IPV4)).get().asString().startsWith("10.61.");
        assertThat(db.json().at("/ipv4/skip-masquerade").asBoolean()).as("tenant-a is annotated skip-masquerade").isTrue();
    }

    @Test
    @DisplayName("an owner that is not <namespace>/<vm> gets 502 with a message naming it, and nothing is allocated")
    void badOwnerIsRefused(HostClient client) {
        HostResponse response = client.ipam(VmIpamConsumer.ID).allocateNext("just-a-name");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.errorMessage()).contains("just-a-name").contains("<namespace>/<vm>");
        assertThat(client.consumer(VmIpamConsumer.ID).json().toString()).doesNotContain("just-a-name");
    }

    @Test
    @DisplayName("the section lives in the CiliumNode annotation; spec.ipam is untouched, other annotations are kept")
    void sectionIsAnAnnotation(HostClient client, NodeDocument node) {
        node.edit(document -> document.with(List.of("metadata", "annotations", "owner.example/team"), "infra"));
        String address = client.ipam(VmIpamConsumer.ID).allocateNext("shop/cache-1", "vm-default", Family.IPV4)
                .expectStatus(201).address(Family.IPV4).orElseThrow();

        ResourceDocument stored = node.read();
        PoolSection section = SECTION.read(stored);
        assertThat(stored.annotations()).containsKey(VmIpamConsumer.SECTION_ANNOTATION)
                .containsEntry("owner.example/team", "infra");
        assertThat(stored.get("spec", "ipam")).isEmpty();
        assertThat(section.allocation(new PoolName("vm-default")).orElseThrow().cidrs())
                .anyMatch(cidr -> cidr.contains(IpAddress.parse(address)));
        assertThat(section.request(new PoolName("vm-default"))).get()
                .satisfies(request -> assertThat(request.needed().ipv4Addrs()).isPositive());
    }

    @Test
    @DisplayName("a VM keeps its address across a host restart")
    void addressSurvivesARestart(TestHost host) {
        ConsumerIpamClient vms = host.client().ipam(VmIpamConsumer.ID);
        String address = vms.allocateNext("shop/persistent-1", null, Family.IPV4).expectStatus(201)
                .address(Family.IPV4).orElseThrow();

        host.restart();

        assertThat(host.client().consumer(VmIpamConsumer.ID).json().at("/pools").findValues("allocations").stream()
                .anyMatch(allocations -> "shop/persistent-1".equals(allocations.path(address).asString(null)))).isTrue();
        assertThat(vms.allocate(address, "shop/other", "vm-default").status()).isEqualTo(409);
    }
}
