package dev.multipool.plugins.dra.claims;

import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.DRIVER;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.FROM_POOL;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.NODE;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.POOL;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.soon;
import static dev.multipool.plugins.dra.testing.Claims.allocation;
import static dev.multipool.plugins.dra.testing.Claims.config;
import static dev.multipool.plugins.dra.testing.Claims.handle;
import static dev.multipool.plugins.dra.testing.Claims.nodeNamed;
import static dev.multipool.plugins.dra.testing.Claims.result;
import static dev.multipool.plugins.dra.testing.Claims.store;
import static dev.multipool.plugins.dra.testing.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.PoolKind;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.testkit.TestConsumerIpam;
import dev.multipool.testkit.TestPoolCatalog;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim controller started on what a previous run of the host left: addresses the host restored
 * from its journal and claims as they are now (spec D7 restart; ARCHITECTURE.md 7.2).
 */
class ClaimControllerRestartTest {

    @RegisterExtension
    final ClaimControllerFixture fixture = new ClaimControllerFixture();
    private final TestConsumerIpam ipam = fixture.context().testIpam();
    private final TestPoolCatalog catalog = fixture.context().pools(PoolKind.CILIUM_RESOURCE_IP_POOL);

    @Test
    @DisplayName("restart: a claim already served (entry present, addresses restored) is not rewritten and keeps its addresses")
    void restartKeepsServedClaim() {
        AllocationResult v4 = ipam.allocate(IpAddress.parse("10.10.0.3"),
                PoolName.of(POOL), "default/served/eth1");
        AllocationResult v6 = ipam.allocate(IpAddress.parse("fd00:200:1::3"),
                PoolName.of(POOL), "default/served/eth1");
        int callsBefore = ipam.calls().size();
        AllocatedDeviceStatus before = new DeviceStatusEntries(DRIVER,
                Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC))
                .served(new DeviceAssignment("eth1", "p", "req", Optional.empty(), Map.of(),
                        Optional.empty()), List.of("10.10.0.3/32", "fd00:200:1::3/128"));
        ResourceClaim served = store(fixture.client(), "served", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "req")),
                List.of(config(DRIVER, List.of(), FROM_POOL))), List.of(before));
        fixture.start();
        fixture.onePoolDevice("sentinel", "eth9");
        fixture.awaitEntry("sentinel", "eth9");

        ResourceClaim after = handle(fixture.client(), "served").get();
        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(served.getMetadata().getResourceVersion());
        assertThat(after.getStatus().getDevices()).containsExactly(before);
        assertThat(ipam.allocationsOf("default/served/eth1")).containsExactlyInAnyOrder(v4, v6);
        assertThat(ipam.calls().subList(callsBefore, ipam.calls().size()))
                .allMatch(call -> call.contains("default/sentinel/eth9"));
    }

    @Test
    @DisplayName("restart: addresses of claims deleted or deallocated while the host was down are released after the "
            + "first listing; other drivers' devices and external owners are kept")
    void restartReleasesWhatWentAway() {
        catalog.put(pool("wide", "10.40.0.0/16", null));
        ipam.range("wide", "10.40.0.0/28");
        AllocationResult gone = held("10.40.0.1", "default/gone/eth1");
        AllocationResult deallocated = held("10.40.0.2", "default/dealloc-while-down/eth1");
        AllocationResult moved = held("10.40.0.3", "default/other-node-now/eth1");
        AllocationResult foreign = held("10.40.0.4", "default/gpu-claim/gpu0");
        AllocationResult kept = held("10.40.0.5", "default/kept/eth1");
        AllocationResult external = held("10.40.0.6", "ext-driver:pod-uid-1:net1");
        AllocationResult externalPath = held("10.40.0.7", "ext-driver/pod-1");
        store(fixture.client(), "dealloc-while-down", null, List.of());
        store(fixture.client(), "other-node-now", allocation(nodeNamed("worker-2"), List.of(result("eth1", DRIVER, "worker-2", "r")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", "wide")))), List.of());
        store(fixture.client(), "gpu-claim", allocation(nodeNamed(NODE), List.of(result("gpu0", "gpu.example.com", NODE, "r")),
                List.of()), List.of());
        AllocatedDeviceStatus shown = new DeviceStatusEntries(DRIVER, fixture.context().clock())
                .served(new DeviceAssignment("eth1", "p", "r", Optional.empty(), Map.of(),
                        Optional.empty()), List.of("10.40.0.5/32"));
        store(fixture.client(), "kept", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "r")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", "wide")))), List.of(shown));

        fixture.start();

        soon().untilAsserted(() -> assertThat(ipam.allocated().values())
                .containsExactlyInAnyOrder(foreign, kept, external, externalPath));
        assertThat(List.of(gone, deallocated, moved)).noneMatch(ipam.allocated().values()::contains);
        assertThat(fixture.entry("kept", "eth1")).isEqualTo(shown);
    }

    private AllocationResult held(String ip, String owner) {
        return ipam.allocate(IpAddress.parse(ip), PoolName.of("wide"), owner);
    }

    @Test
    @DisplayName("restart after the host lost an address: the entry's address is asked for first and kept")
    void restartReclaimsShownAddress() {
        AllocatedDeviceStatus before = new DeviceStatusEntries(DRIVER, fixture.context().clock())
                .served(new DeviceAssignment("eth1", "p", "req", Optional.empty(), Map.of(),
                        Optional.empty()), List.of("10.10.0.3/32", "fd00:200:1::3/128"));
        store(fixture.client(), "lost-state", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "req")),
                List.of(config(DRIVER, List.of(), FROM_POOL))), List.of(before));
        fixture.start();

        soon().until(() -> ipam.allocationsOf("default/lost-state/eth1").size() == 2);
        assertThat(ipam.allocationsOf("default/lost-state/eth1")).extracting(held -> held.address().toString())
                .containsExactlyInAnyOrder("10.10.0.3", "fd00:200:1::3");
        assertThat(fixture.entry("lost-state", "eth1")).isEqualTo(before);
    }
}
