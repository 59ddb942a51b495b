package dev.multipool.plugins.dra.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.RESOURCE_POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocatedCidrs;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.address;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.awaitServed;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.inside;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.soon;
import static dev.multipool.plugins.dra.kubernetes.DraCluster.DRA;
import static dev.multipool.plugins.dra.kubernetes.DraCluster.DRIVER;
import static dev.multipool.plugins.dra.kubernetes.DraCluster.NODE;
import static dev.multipool.plugins.dra.testing.Claims.allocation;
import static dev.multipool.plugins.dra.testing.Claims.config;
import static dev.multipool.plugins.dra.testing.Claims.nodeNamed;
import static dev.multipool.plugins.dra.testing.Claims.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Cidr;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import dev.multipool.host.testing.kubernetes.RequestLog;
import dev.multipool.plugins.dra.testing.Claims;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The BUILT dra-ipam jar in a real Kubernetes-mode host with {@code --dra-driver-name}: an external
 * DRA driver using {@code /v1/consumers/dra/ipam…} with owner strings of its own beside the claim
 * controller (ARCHITECTURE.md 5.2, 7.2), and a host restart: served claims keep their addresses
 * through the host's restore and are not rewritten, and claims deleted or deallocated while the
 * host was down have their addresses released.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DraRestartAndRestIT {

    private static final String POOL = "sriov-net";

    @TempDir
    static Path dir;
    @RegisterExtension
    static final DraClusterExtension CLUSTER = new DraClusterExtension(() -> dir, POOL, "10.60.0.0/16", "fd00:60::/48");

    private static DraCluster cluster() {
        return CLUSTER.cluster();
    }

    private ResourceClaim claim(String name, String device) {
        return Claims.store(cluster().client(), name, allocation(nodeNamed(NODE), List.of(result(device, DRIVER, NODE, "net")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", POOL)))), List.of());
    }

    private static Map<String, String> owned(String owner, JsonNode reply) {
        Map<String, String> held = new HashMap<>();
        held.put(reply.path("ipv4").path("ip").asString(), owner);
        held.put(reply.path("ipv6").path("ip").asString(), owner);
        return held;
    }

    private static Map<String, String> owned(String owner, AllocatedDeviceStatus entry) {
        Map<String, String> held = new HashMap<>();
        entry.getNetworkData().getIps().forEach(ip -> held.put(address(ip), owner));
        return held;
    }

    @Test
    @Order(1)
    @DisplayName("ARCHITECTURE 5.2, 7.2: an external driver's owners and the controller's share the pool without "
            + "conflict; releasing the external addresses leaves the claim alone")
    void externalDriverBesideTheController() {
        String external = "ext-driver:pod-uid-1:net1";
        JsonNode next = cluster().rest().allocateNextWhenDelegated(DraCluster.DRA, null, POOL, external);
        claim("beside-rest", "eth1");
        AllocatedDeviceStatus served = awaitServed(cluster(), "beside-rest", "eth1");
        String specific = freeAddress();
        HttpReply reserved = cluster().rest().tryAllocate(DRA, specific, POOL, "ext-driver/static");

        assertThat(reserved.status()).as(reserved.bodyText()).isEqualTo(200);
        Map<String, String> expected = new HashMap<>(owned(external, next));
        expected.putAll(owned("default/beside-rest/eth1", served));
        expected.put(specific, "ext-driver/static");
        assertThat(cluster().draAllocations()).as("no address held twice").isEqualTo(expected);
        assertThat(inside("10.60.0.0/24", next.path("ipv4").path("ip").asString())).isTrue();
        String claimVersion = cluster().claim("beside-rest").getMetadata().getResourceVersion();

        cluster().rest().release(DRA, next.path("ipv4").path("ip").asString(), POOL);
        cluster().rest().release(DRA, next.path("ipv6").path("ip").asString(), POOL);
        cluster().rest().release(DRA, specific, POOL);

        assertThat(cluster().draAllocations()).isEqualTo(owned("default/beside-rest/eth1", served));
        assertThat(cluster().claim("beside-rest").getMetadata().getResourceVersion()).isEqualTo(claimVersion);
        Claims.deallocate(cluster().client(), "beside-rest");
        soon().untilAsserted(() -> assertThat(cluster().draAllocations()).isEmpty());
    }

    @Test
    @Order(2)
    @DisplayName("restart: a served claim keeps its addresses (host restore) and is not rewritten; claims deleted or "
            + "deallocated while the host was down are released; an external driver's addresses are kept")
    void restart() {
        claim("kept", "eth1");
        claim("deleted-while-down", "eth1");
        claim("deallocated-while-down", "eth1");
        AllocatedDeviceStatus kept = awaitServed(cluster(), "kept", "eth1");
        awaitServed(cluster(), "deleted-while-down", "eth1");
        awaitServed(cluster(), "deallocated-while-down", "eth1");
        String external = "ext-driver:pod-uid-2:net1";
        JsonNode externalAddresses = cluster().rest().allocateNextWhenDelegated(DraCluster.DRA, null, POOL, external);
        soon().untilAsserted(() -> assertThat(requested()).isEqualTo(entries(request(POOL, 4, 4))));
        List<String> blocks = allocatedCidrs(cluster().api().ciliumNode(NODE).orElseThrow(), RESOURCE_POOLS, POOL);
        ResourceClaim keptBefore = cluster().claim("kept");
        int keptWrites = cluster().claimWrites("kept").size();
        int nodePuts = cluster().host().nodePuts().size();

        cluster().stopHost();
        Claims.handle(cluster().client(), "deleted-while-down").delete();
        Claims.deallocate(cluster().client(), "deallocated-while-down");
        cluster().startHost();

        Map<String, String> expected = new HashMap<>(owned("default/kept/eth1", kept));
        expected.putAll(owned(external, externalAddresses));
        soon().untilAsserted(() -> {
            assertThat(cluster().draAllocations()).isEqualTo(expected);
            assertThat(requested()).isEqualTo(entries(request(POOL, 2, 2)));
        });
        ResourceClaim keptAfter = cluster().claim("kept");
        assertThat(keptAfter.getMetadata().getResourceVersion()).isEqualTo(keptBefore.getMetadata().getResourceVersion());
        assertThat(keptAfter.getStatus().getDevices()).isEqualTo(keptBefore.getStatus().getDevices());
        assertThat(cluster().claimWrites("kept")).hasSize(keptWrites);
        assertThat(allocatedCidrs(cluster().api().ciliumNode(NODE).orElseThrow(), RESOURCE_POOLS, POOL))
                .as("the delegated blocks survive the restart (restore before the first write)").isEqualTo(blocks);
        List<RequestLog.Call> putsAfterRestart = cluster().host().nodePuts();
        assertThat(putsAfterRestart.subList(nodePuts, putsAfterRestart.size())).allSatisfy(put -> assertThat(
                put.bodyDocument().getList("spec", "ipam", "resourcepools", "allocated")).as(put.body()).isPresent());
    }

    @Test
    @Order(3)
    @DisplayName("a ResourceClaim API that fails while the host starts: the controller keeps retrying its listing and "
            + "serves claims once the API answers")
    void claimApiFailingAtStart() {
        Predicate<RequestLog.Call> claimApi = call -> call.pathWithoutQuery().startsWith("/apis/resource.k8s.io/");
        cluster().stopHost();
        cluster().api().faults().serverErrors(1.0, claimApi);
        try {
            cluster().startHost();
            soon().until(() -> cluster().api().requests()
                    .fromHost(call -> claimApi.test(call) && call.status() == 500).size() >= 2);
        } finally {
            cluster().api().faults().heal();
        }

        claim("after-outage", "eth2");

        assertThat(awaitServed(cluster(), "after-outage", "eth2").getNetworkData().getIps()).hasSize(2);
        assertThat(cluster().draAllocations()).containsValue("default/after-outage/eth2");
    }

    /** An address of the delegated IPv4 block nobody holds. */
    private String freeAddress() {
        String block = allocatedCidrs(cluster().api().ciliumNode(NODE).orElseThrow(), RESOURCE_POOLS, POOL).stream()
                .filter(cidr -> !cidr.contains(":")).findFirst().orElseThrow();
        Map<String, String> held = cluster().draAllocations();
        for (int offset = 200; ; offset++) {
            String candidate = Cidr.parse(block).network().plus(offset).toString();
            if (!held.containsKey(candidate)) {
                return candidate;
            }
        }
    }

    private Object requested() {
        return cluster().section(RESOURCE_POOLS).map(section -> ((Map<?, ?>) section).get("requested")).orElse(null);
    }
}
