package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatusBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.NetworkDeviceData;
import io.fabric8.kubernetes.api.model.resource.v1.NetworkDeviceDataBuilder;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds this driver's {@code status.devices[]} entries of a ResourceClaim and merges them into the
 * list, leaving every other driver's entry exactly as it was.
 *
 * <p>A served device gets {@code driver}, {@code pool}, {@code device}, a {@code Ready} condition
 * ({@code status "True"}, reason {@code Ready}, message {@code Device is ready}) and
 * {@code networkData} ({@code interfaceName} = the device, {@code ips}); a device that can never be
 * served gets a {@code Ready} condition with status {@code "False"} and the reason.
 *
 * <p>The entry of a device may already exist, written by the DRA driver itself. The controller owns
 * only the {@code Ready} condition, {@code networkData.interfaceName} and {@code networkData.ips}
 * of it: it sets or replaces those, and keeps every other field as it finds it (the driver's other
 * conditions, {@code networkData.hardwareAddress}, {@code data}, fields this client does not know).
 * An entry that already says the same thing is kept as it is, with its {@code lastTransitionTime},
 * so an unchanged claim is never rewritten.
 */
final class DeviceStatusEntries {

    /** The condition type this controller writes. */
    static final String READY = "Ready";

    private final String driver;
    private final Clock clock;

    DeviceStatusEntries(String driver, Clock clock) {
        this.driver = requireNonNull(driver, "driver is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    AllocatedDeviceStatus served(DeviceAssignment device, List<String> ips) {
        return entry(device, condition("True", READY, "Device is ready"), new NetworkDeviceDataBuilder()
                .withInterfaceName(device.device())
                .withIps(ips.isEmpty() ? null : new ArrayList<>(ips))
                .build());
    }

    AllocatedDeviceStatus failed(DeviceAssignment device, String reason, String message) {
        return entry(device, condition("False", reason, message), null);
    }

    private AllocatedDeviceStatus entry(DeviceAssignment device, Condition condition, NetworkDeviceData networkData) {
        return new AllocatedDeviceStatusBuilder()
                .withDriver(driver)
                .withPool(device.draPool())
                .withDevice(device.device())
                .withConditions(condition)
                .withNetworkData(networkData)
                .build();
    }

    private Condition condition(String status, String reason, String message) {
        return new ConditionBuilder()
                .withType(READY)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                .build();
    }

    /**
     * Returns this driver's entry for a device.
     *
     * @param entries the claim's {@code status.devices}, or null
     * @param device the device
     * @return the entry, or null
     */
    AllocatedDeviceStatus find(List<AllocatedDeviceStatus> entries, DeviceRef device) {
        if (entries != null) {
            for (AllocatedDeviceStatus entry : entries) {
                if (refOf(entry).filter(device::equals).isPresent()) {
                    return entry;
                }
            }
        }
        return null;
    }

    private Optional<DeviceRef> refOf(AllocatedDeviceStatus entry) {
        if (entry == null || !driver.equals(entry.getDriver()) || entry.getPool() == null || entry.getDevice() == null) {
            return Optional.empty();
        }
        return Optional.of(new DeviceRef(entry.getPool(), entry.getDevice()));
    }

    /**
     * Returns the addresses an entry shows.
     *
     * @param entry the entry, or null
     * @return its {@code networkData.ips}, empty when it has none
     */
    static List<String> ips(AllocatedDeviceStatus entry) {
        if (entry == null || entry.getNetworkData() == null || entry.getNetworkData().getIps() == null) {
            return List.of();
        }
        return List.copyOf(entry.getNetworkData().getIps());
    }

    /**
     * Returns whether an entry's {@code Ready} condition already has a status and reason.
     *
     * @param entry the entry, or null
     * @param status {@code "True"} or {@code "False"}
     * @param reason the reason
     * @return true if it has both
     */
    static boolean shows(AllocatedDeviceStatus entry, String status, String reason) {
        Condition ready = entry == null ? null : readyCondition(entry);
        return ready != null && status.equals(ready.getStatus()) && reason.equals(ready.getReason());
    }

    /**
     * Returns the list with this driver's entries for some devices replaced or added, and for others
     * removed. Every other entry keeps its place and content.
     *
     * @param current the current entries, or null
     * @param wanted the entries to hold, by device
     * @param removed the devices whose entries must go (this driver's only)
     * @return the new list (equal to {@code current} when nothing changes)
     */
    List<AllocatedDeviceStatus> merge(List<AllocatedDeviceStatus> current, Map<DeviceRef, AllocatedDeviceStatus> wanted,
                                      Set<DeviceRef> removed) {
        List<AllocatedDeviceStatus> next = new ArrayList<>();
        Set<DeviceRef> placed = new HashSet<>();
        for (AllocatedDeviceStatus entry : current == null ? List.<AllocatedDeviceStatus>of() : current) {
            Optional<DeviceRef> ours = refOf(entry);
            if (ours.isPresent() && removed.contains(ours.get())) {
                continue;
            }
            if (ours.isPresent() && wanted.containsKey(ours.get())) {
                if (placed.add(ours.get())) {
                    next.add(combine(entry, wanted.get(ours.get())));
                }
                continue;
            }
            next.add(entry);
        }
        wanted.forEach((device, entry) -> {
            if (placed.add(device)) {
                next.add(entry);
            }
        });
        return next;
    }

    /** Sets what this controller owns in an entry that exists; the rest of it stays as it is. */
    private static AllocatedDeviceStatus combine(AllocatedDeviceStatus existing, AllocatedDeviceStatus wanted) {
        Condition before = readyCondition(existing);
        Condition ours = readyCondition(wanted);
        if (ours == null) {
            // nothing of ours to say (an entry kept while the device waits): its condition stays
            ours = before;
        } else if (before != null && Objects.equals(before.getStatus(), ours.getStatus())) {
            if (Objects.equals(before.getReason(), ours.getReason())
                    && Objects.equals(before.getMessage(), ours.getMessage())) {
                ours = before;
            } else {
                // a condition keeps its transition time while its status does not change
                ours = new ConditionBuilder(ours).withLastTransitionTime(before.getLastTransitionTime()).build();
            }
        }
        List<Condition> conditions = new ArrayList<>();
        boolean placed = false;
        for (Condition condition : existing.getConditions() == null ? List.<Condition>of() : existing.getConditions()) {
            if (condition != null && READY.equals(condition.getType())) {
                if (!placed && ours != null) {
                    conditions.add(ours);
                }
                placed = true;
            } else {
                conditions.add(condition);
            }
        }
        if (!placed && ours != null) {
            conditions.add(ours);
        }
        AllocatedDeviceStatus combined = new AllocatedDeviceStatusBuilder(existing)
                .withConditions(conditions.isEmpty() && existing.getConditions() == null ? null : conditions)
                .withNetworkData(network(existing.getNetworkData(), wanted.getNetworkData()))
                .build();
        return combined.equals(existing) ? existing : combined;
    }

    /** The existing network data with this controller's interface name and addresses (or none of them). */
    private static NetworkDeviceData network(NetworkDeviceData existing, NetworkDeviceData ours) {
        if (existing == null) {
            return ours;
        }
        NetworkDeviceData combined = new NetworkDeviceDataBuilder(existing)
                .withInterfaceName(ours == null ? null : ours.getInterfaceName())
                .withIps(ours == null || ours.getIps() == null ? null : new ArrayList<>(ours.getIps()))
                .build();
        boolean empty = combined.getInterfaceName() == null && combined.getIps() == null
                && combined.getHardwareAddress() == null
                && (combined.getAdditionalProperties() == null || combined.getAdditionalProperties().isEmpty());
        return empty ? null : combined;
    }

    private static Condition readyCondition(AllocatedDeviceStatus entry) {
        if (entry.getConditions() == null) {
            return null;
        }
        return entry.getConditions().stream().filter(c -> c != null && READY.equals(c.getType())).findFirst().orElse(null);
    }
}
