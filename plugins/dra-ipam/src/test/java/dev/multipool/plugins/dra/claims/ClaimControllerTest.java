package dev.multipool.plugins.dra.claims;

import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.DRIVER;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.FROM_POOL;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.NODE;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.NOW;
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
import dev.multipool.api.Family;
import dev.multipool.plugins.dra.testing.Claims;
import dev.multipool.testkit.TestClock;
import dev.multipool.testkit.TestConsumerIpam;
import dev.multipool.testkit.TestPoolCatalog;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatusBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClaimControllerTest {

    @RegisterExtension
    final ClaimControllerFixture fixture = new ClaimControllerFixture();
    private final TestConsumerIpam ipam = fixture.context().testIpam();
    private final TestPoolCatalog catalog = fixture.context().pools(PoolKind.CILIUM_RESOURCE_IP_POOL);

    private static Condition ready(AllocatedDeviceStatus entry) {
        assertThat(entry.getConditions()).hasSize(1);
        Condition condition = entry.getConditions().get(0);
        assertThat(condition.getType()).isEqualTo("Ready");
        return condition;
    }

    @Test
    @DisplayName("D7: a prepared claim gets networkData (/32, /128) and a Ready condition; the owner holds both addresses")
    void d7ClaimServed() {
        fixture.start();
        fixture.onePoolDevice("test-pod-test-4d5bl", "test-device");

        AllocatedDeviceStatus entry = fixture.awaitEntry("test-pod-test-4d5bl", "test-device");

        assertThat(entry.getDriver()).isEqualTo(DRIVER);
        assertThat(entry.getPool()).isEqualTo("test-device-pool");
        assertThat(entry.getNetworkData().getInterfaceName()).isEqualTo("test-device");
        assertThat(entry.getNetworkData().getIps()).containsExactly("10.10.0.0/32", "fd00:200:1::/128");
        Condition condition = ready(entry);
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getReason()).isEqualTo("Ready");
        assertThat(condition.getMessage()).isEqualTo("Device is ready");
        assertThat(condition.getLastTransitionTime()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(ipam.allocationsOf("default/test-pod-test-4d5bl/test-device"))
                .extracting(held -> held.address().toString()).containsExactlyInAnyOrder("10.10.0.0", "fd00:200:1::");
    }

    @Test
    @DisplayName("D4: pool not ready, then ready: retried with backoff, each attempt asking only for the missing family")
    void retriesUntilReady() {
        ipam.notReadyFor(POOL, Family.IPV6, 3);
        fixture.start();
        fixture.onePoolDevice("late", "eth1");

        AllocatedDeviceStatus entry = fixture.awaitEntry("late", "eth1");

        assertThat(entry.getNetworkData().getIps()).containsExactly("10.10.0.0/32", "fd00:200:1::/128");
        assertThat(ipam.calls()).filteredOn(call -> call.startsWith("next") && call.contains(" ipv4 ")).hasSize(1);
        assertThat(ipam.calls()).filteredOn(call -> call.startsWith("next") && call.contains(" ipv6 ")).hasSize(4);
    }

    @Test
    @DisplayName("D4, D7: each attempt asks for every missing family, so the demand of both is pending at once")
    void everyMissingFamilyInEachAttempt() {
        ipam.notReadyFor(POOL, Family.IPV4, 2).notReadyFor(POOL, Family.IPV6, 2);
        fixture.start();
        fixture.onePoolDevice("both-late", "eth1");

        AllocatedDeviceStatus entry = fixture.awaitEntry("both-late", "eth1");

        assertThat(entry.getNetworkData().getIps()).containsExactly("10.10.0.0/32", "fd00:200:1::/128");
        assertThat(ipam.calls()).containsExactly(
                "next test-ip-pool ipv4 default/both-late/eth1", "next test-ip-pool ipv6 default/both-late/eth1",
                "next test-ip-pool ipv4 default/both-late/eth1", "next test-ip-pool ipv6 default/both-late/eth1",
                "next test-ip-pool ipv4 default/both-late/eth1", "next test-ip-pool ipv6 default/both-late/eth1");
    }

    @Test
    @DisplayName("D4: after the last attempt the device is given up: condition PoolNotReady, partial addresses released")
    void givesUpAfterMaxAttempts() {
        ipam.notReadyFor(POOL, Family.IPV6, 1000);
        fixture.start(new BackoffPolicy(Duration.ofMillis(5), 2.0, Duration.ofMillis(10), 3), ClaimController.DEFAULT_RESYNC);
        fixture.onePoolDevice("never", "eth1");

        AllocatedDeviceStatus entry = fixture.awaitEntry("never", "eth1");

        Condition condition = ready(entry);
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("PoolNotReady");
        assertThat(condition.getMessage()).contains("pool not (yet) available").contains("after 3 attempts");
        assertThat(entry.getNetworkData()).isNull();
        assertThat(ipam.allocationsOf("default/never/eth1")).isEmpty();
        assertThat(ipam.calls()).filteredOn(call -> call.contains(" ipv6 ")).hasSize(3);
    }

    @Test
    @DisplayName("a given-up device gets a fresh round of attempts once the resync comes after the retry interval")
    void givenUpDeviceRetriedAfterInterval() {
        TestClock clock = new TestClock(NOW);
        fixture.context().clock(clock);
        ipam.notReadyFor(POOL, Family.IPV6, 1000);
        fixture.start(new BackoffPolicy(Duration.ofMillis(5), 2.0, Duration.ofMillis(10), 2), Duration.ofMillis(300));
        fixture.onePoolDevice("patient", "eth1");
        soon().until(() -> "PoolNotReady".equals(ready(fixture.awaitEntry("patient", "eth1")).getReason()));

        ipam.notReadyFor(POOL, Family.IPV6, 0);
        clock.advance(Duration.ofMinutes(1));

        soon().until(() -> "True".equals(ready(fixture.entry("patient", "eth1")).getStatus()));
        assertThat(fixture.entry("patient", "eth1").getNetworkData().getIps()).containsExactly("10.10.0.0/32", "fd00:200:1::/128");
    }

    @Test
    @DisplayName("two devices in one claim: each gets its own addresses and entry, owners by device")
    void twoDevices() {
        fixture.start();
        store(fixture.client(), "pair", allocation(nodeNamed(NODE),
                List.of(result("eth1", DRIVER, "pool-a", "req"), result("eth2", DRIVER, "pool-a", "req")),
                List.of(config(DRIVER, List.of("req"), FROM_POOL))), List.of());

        AllocatedDeviceStatus first = fixture.awaitEntry("pair", "eth1");
        AllocatedDeviceStatus second = fixture.awaitEntry("pair", "eth2");

        assertThat(first.getNetworkData().getIps()).doesNotContainAnyElementsOf(second.getNetworkData().getIps());
        assertThat(ipam.allocationsOf("default/pair/eth1")).hasSize(2);
        assertThat(ipam.allocationsOf("default/pair/eth2")).hasSize(2);
        assertThat(first.getNetworkData().getInterfaceName()).isEqualTo("eth1");
        assertThat(second.getNetworkData().getInterfaceName()).isEqualTo("eth2");
    }

    @Test
    @DisplayName("ARCHITECTURE 7.2: a result whose pool is the node name is on this node, without a node selector")
    void poolNamedAfterNode() {
        fixture.start();
        store(fixture.client(), "by-pool", allocation(null, List.of(result("eth1", DRIVER, NODE, "req")),
                List.of(config(DRIVER, List.of(), FROM_POOL))), List.of());

        assertThat(fixture.awaitEntry("by-pool", "eth1").getNetworkData().getIps()).hasSize(2);
    }

    @Test
    @DisplayName("claims for another driver and for another node are left untouched")
    void otherDriverAndOtherNodeUntouched() {
        fixture.start();
        ResourceClaim otherDriver = store(fixture.client(), "other-driver", allocation(nodeNamed(NODE),
                List.of(result("eth1", "gpu.example.com", NODE, "req")),
                List.of(config("gpu.example.com", List.of(), FROM_POOL))), List.of());
        ResourceClaim otherNode = store(fixture.client(), "other-node", allocation(nodeNamed("worker-2"),
                List.of(result("eth1", DRIVER, "worker-2", "req")), List.of(config(DRIVER, List.of(), FROM_POOL))),
                List.of());
        fixture.onePoolDevice("sentinel", "eth9");
        fixture.awaitEntry("sentinel", "eth9");

        assertThat(handle(fixture.client(), "other-driver").get().getMetadata().getResourceVersion())
                .isEqualTo(otherDriver.getMetadata().getResourceVersion());
        assertThat(handle(fixture.client(), "other-node").get().getMetadata().getResourceVersion())
                .isEqualTo(otherNode.getMetadata().getResourceVersion());
        assertThat(ipam.calls()).allMatch(call -> call.contains("default/sentinel/eth9"));
    }

    @Test
    @DisplayName("another driver's status entry is preserved, in place, through our write and our removal")
    void otherDriversEntryPreserved() {
        AllocatedDeviceStatus foreign = new AllocatedDeviceStatusBuilder().withDriver("gpu.example.com")
                .withPool("gpu-pool").withDevice("gpu0").withData(Map.of("vendor", "acme")).build();
        fixture.start();
        ResourceClaim stored = store(fixture.client(), "shared", allocation(nodeNamed(NODE),
                List.of(result("gpu0", "gpu.example.com", "gpu-pool", "gpu"), result("eth1", DRIVER, "p", "net")),
                List.of(config(DRIVER, List.of("net"), FROM_POOL))), List.of(foreign));
        AllocatedDeviceStatus foreignStored = stored.getStatus().getDevices().get(0);

        fixture.awaitEntry("shared", "eth1");
        List<AllocatedDeviceStatus> devices = handle(fixture.client(), "shared").get().getStatus().getDevices();
        assertThat(devices).hasSize(2);
        assertThat(devices.get(0)).isEqualTo(foreignStored);

        deallocate("shared");
        soon().until(() -> fixture.entry("shared", "eth1") == null);
        assertThat(handle(fixture.client(), "shared").get().getStatus().getDevices()).containsExactly(foreignStored);
    }

    @Test
    @DisplayName("a claim with devices on two nodes: the other node's entry of the same driver is left alone")
    void otherNodesEntryOfSameDriverPreserved() {
        AllocatedDeviceStatus otherNode = new DeviceStatusEntries(DRIVER, fixture.context().clock())
                .served(new DeviceAssignment("eth1", "worker-2", "req", java.util.Optional.empty(), Map.of(),
                        java.util.Optional.empty()), List.of("10.99.0.1/32"));
        fixture.start();
        store(fixture.client(), "spread", allocation(null,
                List.of(result("eth1", DRIVER, "worker-2", "req"), result("eth1", DRIVER, NODE, "req")),
                List.of(config(DRIVER, List.of(), FROM_POOL))), List.of(otherNode));

        soon().until(() -> handle(fixture.client(), "spread").get().getStatus().getDevices().size() == 2);
        List<AllocatedDeviceStatus> devices = handle(fixture.client(), "spread").get().getStatus().getDevices();
        assertThat(devices.get(0)).isEqualTo(otherNode);
        assertThat(devices.get(1).getPool()).isEqualTo(NODE);
        assertThat(devices.get(1).getNetworkData().getIps()).containsExactly("10.10.0.0/32", "fd00:200:1::/128");
    }

    private void deallocate(String name) {
        ResourceClaim claim = handle(fixture.client(), name).get();
        claim.getStatus().setAllocation(null);
        fixture.client().dynamicResourceAllocation().v1().resourceClaims().inNamespace(Claims.NAMESPACE).resource(claim)
                .updateStatus();
    }

    @Test
    @DisplayName("D7 unprepare: deallocation releases the addresses and removes the entry")
    void deallocationReleases() {
        fixture.start();
        fixture.onePoolDevice("dealloc", "eth1");
        fixture.awaitEntry("dealloc", "eth1");

        deallocate("dealloc");

        soon().until(() -> fixture.entry("dealloc", "eth1") == null);
        soon().until(() -> ipam.allocationsOf("default/dealloc/eth1").isEmpty());
        assertThat(ipam.allocated()).isEmpty();
    }

    @Test
    @DisplayName("claim deletion releases the addresses")
    void deletionReleases() {
        fixture.start();
        fixture.onePoolDevice("doomed", "eth1");
        fixture.awaitEntry("doomed", "eth1");

        handle(fixture.client(), "doomed").delete();

        soon().until(() -> ipam.allocated().isEmpty());
    }

    @Test
    @DisplayName("unknown pool: condition False/UnknownPool naming the pool, nothing allocated; served once the pool exists")
    void unknownPoolCondition() {
        fixture.start();
        store(fixture.client(), "lost", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "req")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", "nowhere")))), List.of());

        AllocatedDeviceStatus entry = fixture.awaitEntry("lost", "eth1");
        Condition condition = ready(entry);
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("UnknownPool");
        assertThat(condition.getMessage()).contains("\"nowhere\"").contains("eth1").contains(NODE);
        assertThat(ipam.calls()).isEmpty();

        ipam.range("nowhere", "10.20.0.0/30").range("nowhere", "fd00:20::/126");
        catalog.put(pool("nowhere", "10.20.0.0/16", "fd00:20::/48"));

        soon().until(() -> "True".equals(ready(fixture.entry("lost", "eth1")).getStatus()));
        assertThat(fixture.entry("lost", "eth1").getNetworkData().getIps()).containsExactly("10.20.0.0/32", "fd00:20::/128");
    }

    @Test
    @DisplayName("D5: a pool whose nodeSelector does not select this node: condition, nothing allocated")
    void poolNotOnThisNode() {
        catalog.put(pool("rack-9", "10.30.0.0/16", null, Map.of("matchLabels", Map.of("rack", "9")), Map.of()));
        fixture.start();
        store(fixture.client(), "far", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "req")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", "rack-9")))), List.of());

        Condition condition = ready(fixture.awaitEntry("far", "eth1"));
        assertThat(condition.getReason()).isEqualTo("PoolNotAvailableOnNode");
        assertThat(condition.getMessage()).contains("\"rack-9\"").contains(NODE).contains("rack=9");
        assertThat(ipam.calls()).isEmpty();
    }

    @Test
    @DisplayName("D3: a fixed address of a disabled family gets condition FamilyDisabled")
    void familyDisabled() {
        fixture.context().families(Family.IPV4);
        fixture.start();
        store(fixture.client(), "v6-fixed", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "req")),
                List.of(config(DRIVER, List.of(), Map.of("ipv6Addr", "fd00:300:1::1/128")))), List.of());

        Condition condition = ready(fixture.awaitEntry("v6-fixed", "eth1"));
        assertThat(condition.getReason()).isEqualTo("FamilyDisabled");
        assertThat(condition.getMessage()).contains("ipv6").contains("disabled");
    }

    @Test
    @DisplayName("D3: fixed addresses without a pool are used as given; with a pool they are reserved in it")
    void staticAddresses() {
        fixture.start();
        store(fixture.client(), "fixed", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "a"),
                        result("eth2", DRIVER, "p", "b")),
                List.of(config(DRIVER, List.of("a"), Map.of("ipv4Addr", "10.30.0.1/32", "ipv6Addr", "fd00:300:1::1/128")),
                        config(DRIVER, List.of("b"), Map.of("ip-pool", POOL, "ipv4Addr", "10.10.0.2")))), List.of());

        assertThat(fixture.awaitEntry("fixed", "eth1").getNetworkData().getIps())
                .containsExactly("10.30.0.1/32", "fd00:300:1::1/128");
        assertThat(fixture.awaitEntry("fixed", "eth2").getNetworkData().getIps())
                .containsExactly("10.10.0.2/32", "fd00:200:1::/128");
        assertThat(ipam.allocationsOf("default/fixed/eth1")).isEmpty();
        assertThat(ipam.allocationsOf("default/fixed/eth2")).extracting(held -> held.address().toString())
                .containsExactlyInAnyOrder("10.10.0.2", "fd00:200:1::");
        assertThat(ipam.calls()).contains("specific test-ip-pool 10.10.0.2 default/fixed/eth2");
    }

    @Test
    @DisplayName("D3: a fixed address outside the named pool's CIDRs bypasses the pool; the other family comes from it")
    void staticAddressOutsideThePoolBypassesIt() {
        fixture.start();
        store(fixture.client(), "mixed", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "req")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", POOL, "ipv4Addr", "192.168.7.7/24")))), List.of());

        AllocatedDeviceStatus entry = fixture.awaitEntry("mixed", "eth1");

        assertThat(ready(entry).getStatus()).as(ready(entry).getMessage()).isEqualTo("True");
        assertThat(entry.getNetworkData().getIps()).containsExactly("192.168.7.7/24", "fd00:200:1::/128");
        assertThat(ipam.allocationsOf("default/mixed/eth1")).extracting(held -> held.address().toString())
                .containsExactly("fd00:200:1::");
        assertThat(ipam.calls()).noneMatch(call -> call.contains("192.168.7.7"));
    }

    @Test
    @DisplayName("D3: a named pool that offers none of the node's enabled families gets condition FamilyDisabled")
    void poolWithoutAnEnabledFamily() {
        catalog.put(pool("v6-only", null, "fd00:400::/48"));
        fixture.context().families(Family.IPV4);
        fixture.start();
        store(fixture.client(), "v6-pool", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "req")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", "v6-only")))), List.of());

        Condition condition = ready(fixture.awaitEntry("v6-pool", "eth1"));

        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("FamilyDisabled");
        assertThat(condition.getMessage()).contains("\"v6-only\"").contains("eth1").contains(NODE);
        assertThat(ipam.calls()).isEmpty();
        assertThat(fixture.entry("v6-pool", "eth1").getNetworkData()).isNull();
    }
}
