package dev.multipool.plugins.dra.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.RESOURCE_POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocatedCidrs;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.pool;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.section;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.address;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.awaitReason;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.awaitServed;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.inside;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.ready;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.soon;
import static dev.multipool.plugins.dra.kubernetes.DraCluster.DRIVER;
import static dev.multipool.plugins.dra.kubernetes.DraCluster.NODE;
import static dev.multipool.plugins.dra.testing.Claims.allocation;
import static dev.multipool.plugins.dra.testing.Claims.config;
import static dev.multipool.plugins.dra.testing.Claims.nodeNamed;
import static dev.multipool.plugins.dra.testing.Claims.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.PoolKind;
import dev.multipool.plugins.dra.testing.Claims;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequestAllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim controller of the BUILT dra-ipam jar in a real host in Kubernetes mode (spec D3, D4,
 * D7; ARCHITECTURE.md 7.2): ResourceClaims on the CRUD mock, CIDRs delegated by the operator
 * fixture from CiliumResourceIPPools into {@code spec.ipam.resourcepools}. Every test leaves no
 * claim of this driver allocated, so the next starts from an empty section.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DraClaimFlowIT {

    private static final String POOL = "test-ip-pool";

    @TempDir
    static Path dir;
    @RegisterExtension
    static final DraClusterExtension CLUSTER = new DraClusterExtension(() -> dir, POOL, "10.10.0.0/16", "fd00:200:1::/48");

    private static DraCluster cluster() {
        return CLUSTER.cluster();
    }

    @AfterEach
    void nothingLeft() {
        cluster().resourceOperator().resume();
        soon().untilAsserted(() -> {
            assertThat(cluster().draAllocations()).isEmpty();
            assertThat(cluster().sectionEmpty(RESOURCE_POOLS)).isTrue();
        });
    }

    private ResourceClaim claim(String name, String ipPool, DeviceRequestAllocationResult... results) {
        return Claims.store(cluster().client(), name, allocation(nodeNamed(NODE), List.of(results),
                List.of(config(DRIVER, List.of("net"), Map.of("ip-pool", ipPool)))), List.of());
    }

    private static DeviceRequestAllocationResult device(String name) {
        return result(name, DRIVER, NODE, "net");
    }

    @Test
    @Order(1)
    @DisplayName("D7: the first attempts fail until the operator delegated, then networkData [/32, /128] and Ready; "
            + "resourcepools requested {1, 1} and allocated [/24, /64], pools empty; unprepare empties the section (M37, M44)")
    void d7EndToEnd() {
        String claim = "test-pod-test-4d5bl";
        assertThat(cluster().sectionEmpty(RESOURCE_POOLS)).isTrue();
        cluster().resourceOperator().pause();
        Claims.storeReservedFor(cluster().client(), claim, allocation(nodeNamed(NODE),
                List.of(result("test-device", DRIVER, NODE, "test-request")),
                List.of(config(DRIVER, List.of("test-request"), Map.of("ip-pool", POOL)))), "test-pod");

        // nothing delegated yet: the failed attempts leave pending demand, which the host publishes
        soon().untilAsserted(() -> assertThat(cluster().section(RESOURCE_POOLS))
                .contains(section(entries(request(POOL, 1, 1)), entries())));
        assertThat(cluster().entry(claim, "test-device")).as("no entry while the pool is not ready").isNull();
        cluster().resourceOperator().resume();

        AllocatedDeviceStatus entry = awaitServed(cluster(), claim, "test-device");
        assertThat(entry.getDriver()).isEqualTo(DRIVER);
        assertThat(entry.getPool()).isEqualTo(NODE);
        Condition condition = ready(entry);
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getReason()).isEqualTo("Ready");
        assertThat(condition.getMessage()).isEqualTo("Device is ready");
        assertThat(entry.getNetworkData().getInterfaceName()).isEqualTo("test-device");
        List<String> ips = entry.getNetworkData().getIps();
        assertThat(ips).hasSize(2);
        assertThat(ips.get(0)).endsWith("/32").satisfies(ip -> assertThat(inside("10.10.0.0/24", ip)).isTrue());
        assertThat(ips.get(1)).endsWith("/128").satisfies(ip -> assertThat(inside("fd00:200:1::/64", ip)).isTrue());
        String owner = "default/" + claim + "/test-device";
        assertThat(cluster().draAllocations()).isEqualTo(Map.of(address(ips.get(0)), owner, address(ips.get(1)), owner));
        soon().untilAsserted(() -> assertThat(cluster().section(RESOURCE_POOLS)).contains(section(
                entries(request(POOL, 1, 1)), entries(allocation(POOL, "10.10.0.0/24", "fd00:200:1::/64")))));
        assertThat(cluster().sectionEmpty(POOLS)).as("spec.ipam.pools").isTrue();

        Claims.deallocate(cluster().client(), claim);

        soon().untilAsserted(() -> {
            assertThat(cluster().draAllocations()).isEmpty();
            assertThat(cluster().sectionEmpty(RESOURCE_POOLS)).as("spec.ipam.resourcepools").isTrue();
            assertThat(cluster().resourceOperator().blocksOf(NODE)).isEmpty();
        });
        assertThat(cluster().entry(claim, "test-device")).isNull();
        assertThat(cluster().sectionEmpty(POOLS)).as("spec.ipam.pools").isTrue();
    }

    @Test
    @Order(2)
    @DisplayName("D4: a pool left undelegated across several attempts is retried with backoff until it is ready")
    void retriedAcrossSeveralAttempts() {
        cluster().resourceOperator().pause();
        claim("slow", POOL, device("eth1"));

        soon().untilAsserted(() -> assertThat(cluster().section(RESOURCE_POOLS))
                .contains(section(entries(request(POOL, 1, 1)), entries())));
        // the attempts at 0 s and 1 s fail: the device stays without an entry and keeps its demand published
        await().during(Duration.ofMillis(1300)).atMost(Duration.ofSeconds(3)).until(() ->
                cluster().entry("slow", "eth1") == null && cluster().section(RESOURCE_POOLS)
                        .equals(Optional.of(section(entries(request(POOL, 1, 1)), entries()))));
        cluster().resourceOperator().resume();

        List<String> ips = awaitServed(cluster(), "slow", "eth1").getNetworkData().getIps();
        assertThat(ips).hasSize(2).allMatch(ip -> inside("10.10.0.0/16", ip) || inside("fd00:200:1::/48", ip));

        Claims.handle(cluster().client(), "slow").delete();
    }

    @Test
    @Order(3)
    @DisplayName("D3: a pool that does not exist yet: condition UnknownPool naming it, nothing allocated; served once "
            + "the CiliumResourceIPPool is created")
    void unknownPoolThenCreated() {
        claim("early", "late-pool", device("eth1"));

        Condition unknown = ready(awaitReason(cluster(), "early", "eth1", "UnknownPool"));
        assertThat(unknown.getStatus()).isEqualTo("False");
        assertThat(unknown.getMessage()).contains("\"late-pool\"").contains("eth1").contains(NODE);
        assertThat(cluster().draAllocations()).isEmpty();

        cluster().api().createPool(PoolKind.CILIUM_RESOURCE_IP_POOL, pool(PoolKind.CILIUM_RESOURCE_IP_POOL, "late-pool",
                "10.30.0.0/16", 24, "fd00:300::/48", 64));

        List<String> ips = awaitServed(cluster(), "early", "eth1").getNetworkData().getIps();
        assertThat(ips).hasSize(2);
        assertThat(inside("10.30.0.0/16", ips.get(0))).as(ips.get(0)).isTrue();
        assertThat(inside("fd00:300::/48", ips.get(1))).as(ips.get(1)).isTrue();
        assertThat(allocatedCidrs(cluster().api().ciliumNode(NODE).orElseThrow(), RESOURCE_POOLS, "late-pool"))
                .hasSize(2);

        Claims.handle(cluster().client(), "early").delete();
    }

    @Test
    @Order(4)
    @DisplayName("two devices in one claim: each its own addresses, entry and owner; demand counts both (M28)")
    void twoDevices() {
        claim("pair", POOL, device("eth1"), device("eth2"));

        AllocatedDeviceStatus first = awaitServed(cluster(), "pair", "eth1");
        AllocatedDeviceStatus second = awaitServed(cluster(), "pair", "eth2");

        assertThat(first.getNetworkData().getInterfaceName()).isEqualTo("eth1");
        assertThat(second.getNetworkData().getInterfaceName()).isEqualTo("eth2");
        assertThat(first.getNetworkData().getIps()).hasSize(2)
                .doesNotContainAnyElementsOf(second.getNetworkData().getIps());
        Map<String, String> held = cluster().draAllocations();
        assertThat(held).hasSize(4);
        first.getNetworkData().getIps().forEach(ip -> assertThat(held).containsEntry(address(ip), "default/pair/eth1"));
        second.getNetworkData().getIps().forEach(ip -> assertThat(held).containsEntry(address(ip), "default/pair/eth2"));
        soon().untilAsserted(() -> assertThat(cluster().section(RESOURCE_POOLS)).get()
                .extracting(section -> ((Map<?, ?>) section).get("requested"))
                .isEqualTo(entries(request(POOL, 2, 2))));

        Claims.deallocate(cluster().client(), "pair");
    }

    @Test
    @Order(5)
    @DisplayName("claims of another driver, and of this driver on another node, are left untouched")
    void otherDriverAndOtherNodeUntouched() {
        ResourceClaim otherDriver = Claims.store(cluster().client(), "gpu", allocation(nodeNamed(NODE),
                List.of(result("gpu0", "gpu.example.com", NODE, "gpu")),
                List.of(config("gpu.example.com", List.of(), Map.of("ip-pool", POOL)))), List.of());
        ResourceClaim otherNode = Claims.store(cluster().client(), "elsewhere", allocation(nodeNamed("node-b"),
                List.of(result("eth1", DRIVER, "node-b", "net")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", POOL)))), List.of());
        claim("sentinel", POOL, device("eth9"));

        awaitServed(cluster(), "sentinel", "eth9");

        assertThat(cluster().claim("gpu").getMetadata().getResourceVersion())
                .isEqualTo(otherDriver.getMetadata().getResourceVersion());
        assertThat(cluster().claim("elsewhere").getMetadata().getResourceVersion())
                .isEqualTo(otherNode.getMetadata().getResourceVersion());
        assertThat(cluster().claimWrites("gpu")).isEmpty();
        assertThat(cluster().claimWrites("elsewhere")).isEmpty();
        assertThat(cluster().draAllocations().values()).containsOnly("default/sentinel/eth9");

        Claims.handle(cluster().client(), "sentinel").delete();
        Claims.handle(cluster().client(), "gpu").delete();
        Claims.handle(cluster().client(), "elsewhere").delete();
    }
}
