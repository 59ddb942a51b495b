package dev.multipool.plugins.dra.claims;

import static dev.multipool.plugins.dra.testing.Claims.allocation;
import static dev.multipool.plugins.dra.testing.Claims.config;
import static dev.multipool.plugins.dra.testing.Claims.nodeNamed;
import static dev.multipool.plugins.dra.testing.Claims.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatusBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.AllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceAllocationConfiguration;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceAllocationConfigurationBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimBuilder;
import io.fabric8.kubernetes.api.model.runtime.RawExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClaimDevicesTest {

    private static final String DRIVER = "net.multipool.dev";
    private final ClaimDevices devices = new ClaimDevices(DRIVER);

    private static ResourceClaim claim(AllocationResult allocation) {
        return new ResourceClaimBuilder().withNewMetadata().withName("c").withNamespace("default").endMetadata()
                .withNewStatus().withAllocation(allocation).endStatus().build();
    }

    private List<DeviceAssignment> onWorker1(AllocationResult allocation) {
        return devices.onThisNode(claim(allocation), "worker-1", Map.of());
    }

    @Test
    @DisplayName("D3: ip-pool from the config of the result's request; configs of other requests and drivers ignored")
    void configPerRequest() {
        List<DeviceAssignment> found = onWorker1(allocation(nodeNamed("worker-1"),
                List.of(result("eth1", DRIVER, "p", "a"), result("eth2", DRIVER, "p", "b")),
                List.of(config(DRIVER, List.of("a"), Map.of("ip-pool", "blue")),
                        config(DRIVER, List.of("b"), Map.of("ip-pool", "red")),
                        config("other.example.com", List.of("a"), Map.of("ip-pool", "green")))));

        assertThat(found).extracting(DeviceAssignment::device, DeviceAssignment::ipPool).containsExactly(
                org.assertj.core.groups.Tuple.tuple("eth1", Optional.of(PoolName.of("blue"))),
                org.assertj.core.groups.Tuple.tuple("eth2", Optional.of(PoolName.of("red"))));
    }

    @Test
    @DisplayName("later configs override earlier keys; empty requests apply to all; a sub-request uses its parent's config")
    void precedenceAndSubRequests() {
        DeviceAssignment device = onWorker1(allocation(nodeNamed("worker-1"),
                List.of(result("eth1", DRIVER, "p", "net/fast")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", "class-default", "ipv6Addr", "fd00::5")),
                        config(DRIVER, List.of("net"), Map.of("ip-pool", "claim-choice"))))).get(0);

        assertThat(device.ipPool()).contains(PoolName.of("claim-choice"));
        assertThat(device.statics().get(Family.IPV6)).hasToString("fd00::5/128");
        assertThat(device.request()).isEqualTo("net/fast");
        assertThat(device.configError()).isEmpty();
    }

    @Test
    @DisplayName("parameters as the client reads them back (a RawExtension) are understood")
    void rawExtensionParameters() {
        DeviceAllocationConfiguration raw = new DeviceAllocationConfigurationBuilder().withSource("FromClass")
                .withNewOpaque().withDriver(DRIVER).withParameters(new RawExtension(Map.of("ip-pool", "blue")))
                .endOpaque().build();

        DeviceAssignment device = onWorker1(allocation(nodeNamed("worker-1"), List.of(result("eth1", DRIVER, "p", "a")),
                List.of(raw))).get(0);

        assertThat(device.ipPool()).contains(PoolName.of("blue"));
    }

    @Test
    @DisplayName("bad parameters make a config error naming the parameter, not an exception")
    void badParameters() {
        DeviceAssignment device = onWorker1(allocation(nodeNamed("worker-1"), List.of(result("eth1", DRIVER, "p", "a")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", "Not A Pool", "ipv4Addr", "fd00::1",
                        "ipv6Addr", "nonsense"))))).get(0);

        assertThat(device.configError()).hasValueSatisfying(error -> assertThat(error)
                .contains("ip-pool \"Not A Pool\"")
                .contains("ipv4Addr \"fd00::1\" is not an ipv4 address")
                .contains("ipv6Addr"));
    }

    @Test
    @DisplayName("only results of the driver on this node: pool named after the node, or a selecting node selector")
    void onlyThisNode() {
        AllocationResult selectedElsewhere = allocation(nodeNamed("worker-2"),
                List.of(result("eth1", DRIVER, "worker-1", "a"), result("eth2", DRIVER, "shared", "a"),
                        result("eth3", "other.example.com", "worker-1", "a")), List.of());

        assertThat(onWorker1(selectedElsewhere)).extracting(DeviceAssignment::device).containsExactly("eth1");
        assertThat(onWorker1(allocation(nodeNamed("worker-1"), List.of(result("eth2", DRIVER, "shared", "a")), List.of())))
                .extracting(DeviceAssignment::device).containsExactly("eth2");
        assertThat(devices.onThisNode(claim(null), "worker-1", Map.of())).isEmpty();
    }

    @Test
    @DisplayName("orphans: this driver's entries for devices the allocation does not hold; others' entries never")
    void orphanEntries() {
        ResourceClaim claim = claim(allocation(nodeNamed("worker-2"), List.of(result("eth1", DRIVER, "worker-2", "a")),
                List.of()));
        claim.getStatus().setDevices(List.of(
                new AllocatedDeviceStatusBuilder().withDriver(DRIVER).withPool("worker-2").withDevice("eth1").build(),
                new AllocatedDeviceStatusBuilder().withDriver(DRIVER).withPool("worker-1").withDevice("eth1").build(),
                new AllocatedDeviceStatusBuilder().withDriver("gpu.example.com").withPool("p").withDevice("gpu0").build()));

        assertThat(devices.orphanEntries(claim)).containsExactly(new DeviceRef("worker-1", "eth1"));
    }
}
