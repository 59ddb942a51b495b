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
import static dev.multipool.plugins.dra.testing.Pools.node;
import static dev.multipool.plugins.dra.testing.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.PoolKind;
import dev.multipool.testkit.TestConsumerIpam;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatusBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim controller under a stream of claim events, with an existing entry of the DRA driver,
 * and with parameters it cannot read.
 */
class ClaimControllerEventsTest {

    /** Retries an hour apart on the fixture's clock, 3 attempts: no retry timer fires during a test. */
    private static final BackoffPolicy HOURLY = new BackoffPolicy(Duration.ofHours(1), 2.0, Duration.ofHours(1), 3);
    private static final String OWNER = "default/busy/eth1";

    @RegisterExtension
    final ClaimControllerFixture fixture = new ClaimControllerFixture();
    private final TestConsumerIpam ipam = fixture.context().testIpam();

    private long ipv6Attempts() {
        return ipam.calls().stream().filter(call -> call.equals("next " + POOL + " ipv6 " + OWNER)).count();
    }

    /** Another writer labels the claim: a watch event that changes nothing the controller reads. */
    private void touch(String name, int update) {
        handle(fixture.client(), name).edit(claim -> new ResourceClaimBuilder(claim).editMetadata()
                .addToLabels("touched", Integer.toString(update)).endMetadata().build());
    }

    /** Starts the controller with {@link #HOURLY} retries and a claim whose device waits after its first attempt. */
    private void startWithWaitingDevice() {
        ipam.notReadyFor(POOL, Family.IPV6, 1000);
        fixture.start(HOURLY, ClaimController.DEFAULT_RESYNC);
        fixture.onePoolDevice("busy", "eth1");
        soon().until(() -> ipv6Attempts() == 1);
    }

    private static Condition ready(AllocatedDeviceStatus entry) {
        return entry.getConditions().stream().filter(condition -> "Ready".equals(condition.getType())).findFirst()
                .orElse(null);
    }

    @Test
    @DisplayName("D4: 30 updates of a claim in quick succession spend none of its waiting device's 3 attempts; the "
            + "first reconcile after the retry is due makes the next attempt")
    void busyClaimKeepsItsAttempts() {
        startWithWaitingDevice();

        for (int update = 1; update <= 30; update++) {
            touch("busy", update);
        }
        fixture.clock().advance(Duration.ofHours(1));
        touch("busy", 31);
        soon().until(() -> ipv6Attempts() >= 2);

        assertThat(ipv6Attempts()).isEqualTo(2);
        assertThat(fixture.entry("busy", "eth1")).as("not given up").isNull();
    }

    @Test
    @DisplayName("D4: a waiting device is tried at once when the pool catalog changes, and served as soon as a node "
            + "update makes its pool ready, without waiting for its retry")
    void poolChangesAreNoticedAtOnce() {
        startWithWaitingDevice();

        fixture.context().pools(PoolKind.CILIUM_RESOURCE_IP_POOL).put(pool("other", "10.40.0.0/16", null));
        soon().until(() -> ipv6Attempts() == 2);

        ipam.notReadyFor(POOL, Family.IPV6, 0);
        ipam.node(node(NODE, Map.of("kubernetes.io/hostname", NODE)));

        AllocatedDeviceStatus entry = fixture.awaitEntry("busy", "eth1");
        assertThat(ready(entry).getStatus()).isEqualTo("True");
        assertThat(entry.getNetworkData().getIps()).containsExactly("10.10.0.0/32", "fd00:200:1::/128");
        assertThat(ipv6Attempts()).isEqualTo(3);
    }

    @Test
    @DisplayName("D7: an entry the DRA driver wrote for the device keeps its conditions, hardwareAddress, data and "
            + "unknown fields; the controller sets only interfaceName, ips and its Ready condition")
    void driversOwnEntryKeepsWhatTheControllerDoesNotOwn() {
        Condition attached = new ConditionBuilder().withType("NetworkAttached").withStatus("True").withReason("Attached")
                .withMessage("veth created").withLastTransitionTime("2026-12-01T09:59:00Z").build();
        AllocatedDeviceStatus driverEntry = new AllocatedDeviceStatusBuilder().withDriver(DRIVER)
                .withPool("test-device-pool").withDevice("eth1").withConditions(attached)
                .withNewNetworkData().withInterfaceName("tmp0").withHardwareAddress("02:42:ac:11:00:02").endNetworkData()
                .withData(Map.of("mtu", 9000)).addToAdditionalProperties("vendorHint", "fast-path").build();
        fixture.start();
        ResourceClaim stored = store(fixture.client(), "prepared", allocation(nodeNamed(NODE),
                List.of(result("eth1", DRIVER, "test-device-pool", "test-request")),
                List.of(config(DRIVER, List.of("test-request"), FROM_POOL))), List.of(driverEntry));
        AllocatedDeviceStatus before = stored.getStatus().getDevices().get(0);

        AllocatedDeviceStatus entry = soon().until(() -> fixture.entry("prepared", "eth1"),
                written -> written != null && ready(written) != null);

        assertThat(entry.getConditions()).hasSize(2).first().isEqualTo(attached);
        assertThat(ready(entry).getStatus()).isEqualTo("True");
        assertThat(entry.getNetworkData().getHardwareAddress()).isEqualTo("02:42:ac:11:00:02");
        assertThat(entry.getNetworkData().getInterfaceName()).isEqualTo("eth1");
        assertThat(entry.getNetworkData().getIps()).containsExactly("10.10.0.0/32", "fd00:200:1::/128");
        assertThat(entry.getData()).isEqualTo(before.getData());
        assertThat(entry.getAdditionalProperties()).containsEntry("vendorHint", "fast-path");
    }

    @Test
    @DisplayName("D3: opaque parameters that cannot be read give the device condition False/InvalidConfig saying "
            + "what is wrong, and nothing is allocated")
    void invalidParametersGiveInvalidConfig() {
        fixture.start();
        store(fixture.client(), "garbled", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, "p", "req")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", "Not A Pool!", "ipv4Addr", "10.1.2.300")))),
                List.of());

        AllocatedDeviceStatus entry = fixture.awaitEntry("garbled", "eth1");

        Condition condition = ready(entry);
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo(DeviceOutcome.INVALID_CONFIG).isEqualTo("InvalidConfig");
        assertThat(condition.getMessage()).contains("\"eth1\"").contains(NODE)
                .contains("parameter ip-pool \"Not A Pool!\" is not a valid pool name").contains("ipv4Addr");
        assertThat(entry.getNetworkData()).isNull();
        assertThat(ipam.calls()).isEmpty();
        assertThat(ipam.allocationsOf("default/garbled/eth1")).isEmpty();
    }
}
