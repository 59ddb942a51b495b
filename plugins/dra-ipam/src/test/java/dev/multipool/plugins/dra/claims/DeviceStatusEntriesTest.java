package dev.multipool.plugins.dra.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.testkit.TestClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviceStatusEntriesTest {

    private static final String DRIVER = "net.multipool.dev";
    private static final DeviceAssignment ETH1 = new DeviceAssignment("eth1", "worker-1", "req", Optional.empty(),
            Map.of(), Optional.empty());
    private static final Condition ATTACHED = new ConditionBuilder().withType("NetworkAttached").withStatus("True")
            .withReason("Attached").withMessage("veth created").withLastTransitionTime("2026-12-01T09:00:00Z").build();

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final DeviceStatusEntries entries = new DeviceStatusEntries(DRIVER, clock);

    /** The driver's entry with our Ready condition and addresses already written into it. */
    private AllocatedDeviceStatus servedByBoth() {
        AllocatedDeviceStatus ours = entries.served(ETH1, List.of("10.10.0.1/32"));
        return new AllocatedDeviceStatusBuilder(ours).withConditions(ATTACHED, ours.getConditions().get(0))
                .editNetworkData().withHardwareAddress("02:42:ac:11:00:02").endNetworkData()
                .withData(Map.of("mtu", 9000)).build();
    }

    private List<AllocatedDeviceStatus> write(List<AllocatedDeviceStatus> current, AllocatedDeviceStatus ours) {
        return entries.merge(current, Map.of(ETH1.ref(), ours), Set.of());
    }

    @Test
    @DisplayName("an entry that already shows our addresses and condition among the driver's fields is kept as it is")
    void unchangedEntryIsNotRewritten() {
        AllocatedDeviceStatus existing = servedByBoth();
        clock.advance(Duration.ofMinutes(5));

        List<AllocatedDeviceStatus> next = write(List.of(existing), entries.served(ETH1, List.of("10.10.0.1/32")));

        assertThat(next).hasSize(1);
        assertThat(next.get(0)).isSameAs(existing);
    }

    @Test
    @DisplayName("a device that fails loses our interfaceName, ips and Ready=True, and keeps the driver's condition, "
            + "hardwareAddress and data")
    void failureReplacesOnlyWhatWeOwn() {
        AllocatedDeviceStatus existing = servedByBoth();

        AllocatedDeviceStatus next = write(List.of(existing),
                entries.failed(ETH1, DeviceOutcome.POOL_NOT_READY, "gave up")).get(0);

        assertThat(next.getConditions()).hasSize(2).first().isEqualTo(ATTACHED);
        assertThat(next.getConditions().get(1).getStatus()).isEqualTo("False");
        assertThat(next.getConditions().get(1).getReason()).isEqualTo("PoolNotReady");
        assertThat(next.getNetworkData().getHardwareAddress()).isEqualTo("02:42:ac:11:00:02");
        assertThat(next.getNetworkData().getInterfaceName()).isNull();
        assertThat(next.getNetworkData().getIps()).isNullOrEmpty();
        assertThat(next.getData()).isEqualTo(existing.getData());
    }

    @Test
    @DisplayName("a changed message keeps the Ready condition's transition time while its status stays the same")
    void sameStatusKeepsTransitionTime() {
        AllocatedDeviceStatus existing = entries.failed(ETH1, DeviceOutcome.UNKNOWN_POOL, "no pool \"a\"");
        clock.advance(Duration.ofMinutes(5));

        AllocatedDeviceStatus next = write(List.of(existing),
                entries.failed(ETH1, DeviceOutcome.UNKNOWN_POOL, "no pool \"b\"")).get(0);

        assertThat(next.getConditions()).singleElement().satisfies(condition -> {
            assertThat(condition.getMessage()).isEqualTo("no pool \"b\"");
            assertThat(condition.getLastTransitionTime()).isEqualTo("2026-12-01T10:00:00Z");
        });
    }
}
