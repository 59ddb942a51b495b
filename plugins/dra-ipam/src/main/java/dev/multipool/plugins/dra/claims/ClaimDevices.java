package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.AllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceAllocationConfiguration;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequestAllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads which devices of a ResourceClaim this node must serve, and with which config.
 *
 * <p>A result is served when its {@code driver} is the configured driver and its device is on this
 * node: the result's {@code pool} equals the node name, or the allocation's {@code nodeSelector}
 * selects this node. Its config is the {@code parameters} object of every
 * {@code status.allocation.devices.config[]} entry whose {@code opaque.driver} is the driver and
 * whose {@code requests} are empty or name the result's request (or, for a sub-request
 * {@code req/sub}, its parent {@code req}); later entries override earlier keys, as Kubernetes
 * orders them by precedence. The parameters read are {@code ip-pool}, {@code ipv4Addr} and
 * {@code ipv6Addr}; others are left to the driver.
 */
final class ClaimDevices {

    /** The parameter naming the CiliumResourceIPPool to allocate from. */
    static final String IP_POOL = "ip-pool";
    /** The parameter fixing the IPv4 address. */
    static final String IPV4_ADDR = "ipv4Addr";
    /** The parameter fixing the IPv6 address. */
    static final String IPV6_ADDR = "ipv6Addr";

    private final String driver;

    ClaimDevices(String driver) {
        this.driver = requireNonNull(driver, "driver is null");
    }

    /**
     * Returns the devices of the claim this node serves, in result order, one per device name.
     *
     * @param claim the claim
     * @param nodeName this node's name
     * @param labels this node's labels
     * @return the assignments; empty when the claim is not allocated or has nothing for this node
     */
    List<DeviceAssignment> onThisNode(ResourceClaim claim, String nodeName, Map<String, String> labels) {
        AllocationResult allocation = claim.getStatus() == null ? null : claim.getStatus().getAllocation();
        if (allocation == null || allocation.getDevices() == null || allocation.getDevices().getResults() == null) {
            return List.of();
        }
        boolean nodeSelected = AllocationNodeSelector.selects(allocation.getNodeSelector(), nodeName, labels);
        Map<String, DeviceAssignment> byDevice = new LinkedHashMap<>();
        for (DeviceRequestAllocationResult result : allocation.getDevices().getResults()) {
            if (result == null || !driver.equals(result.getDriver()) || result.getDevice() == null) {
                continue;
            }
            if (!nodeName.equals(result.getPool()) && !nodeSelected) {
                continue;
            }
            byDevice.putIfAbsent(result.getDevice(), assignment(result, configs(allocation)));
        }
        return List.copyOf(byDevice.values());
    }

    /**
     * Returns this driver's entries in the claim's {@code status.devices} for devices the claim's
     * allocation does not hold (any more). A real API server refuses such entries, so they appear
     * only where an allocation was removed by a writer that left them.
     *
     * @param claim the claim
     * @return the orphaned entries
     */
    Set<DeviceRef> orphanEntries(ResourceClaim claim) {
        Set<DeviceRef> orphans = new LinkedHashSet<>();
        if (claim.getStatus() == null || claim.getStatus().getDevices() == null) {
            return orphans;
        }
        Set<DeviceRef> allocated = new HashSet<>();
        AllocationResult allocation = claim.getStatus().getAllocation();
        if (allocation != null && allocation.getDevices() != null && allocation.getDevices().getResults() != null) {
            for (DeviceRequestAllocationResult result : allocation.getDevices().getResults()) {
                if (result != null && driver.equals(result.getDriver()) && result.getPool() != null
                        && result.getDevice() != null) {
                    allocated.add(new DeviceRef(result.getPool(), result.getDevice()));
                }
            }
        }
        for (AllocatedDeviceStatus entry : claim.getStatus().getDevices()) {
            if (entry != null && driver.equals(entry.getDriver()) && entry.getPool() != null && entry.getDevice() != null) {
                DeviceRef ref = new DeviceRef(entry.getPool(), entry.getDevice());
                if (!allocated.contains(ref)) {
                    orphans.add(ref);
                }
            }
        }
        return orphans;
    }

    /**
     * Returns whether the claim still gives a device name a reason to hold addresses: its allocation
     * has a result for that device either of this driver on this node (the controller serves it) or
     * of another driver (the addresses may be an external driver's, which the controller leaves
     * alone). A claim that is gone, deallocated, or no longer lists the device gives none.
     *
     * @param claim the claim, or null when it does not exist
     * @param device the device name
     * @param nodeName this node's name
     * @param labels this node's labels
     * @return true if the device's addresses must be kept
     */
    boolean keepsDevice(ResourceClaim claim, String device, String nodeName, Map<String, String> labels) {
        AllocationResult allocation = claim == null || claim.getStatus() == null ? null : claim.getStatus().getAllocation();
        if (allocation == null || allocation.getDevices() == null || allocation.getDevices().getResults() == null) {
            return false;
        }
        for (DeviceRequestAllocationResult result : allocation.getDevices().getResults()) {
            if (result != null && device.equals(result.getDevice()) && !driver.equals(result.getDriver())) {
                return true;
            }
        }
        return onThisNode(claim, nodeName, labels).stream().anyMatch(assignment -> assignment.device().equals(device));
    }

    private static List<DeviceAllocationConfiguration> configs(AllocationResult allocation) {
        List<DeviceAllocationConfiguration> configs = allocation.getDevices().getConfig();
        return configs == null ? List.of() : configs;
    }

    private DeviceAssignment assignment(DeviceRequestAllocationResult result, List<DeviceAllocationConfiguration> configs) {
        String request = result.getRequest() == null ? "" : result.getRequest();
        String pool = result.getPool() == null ? "" : result.getPool();
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (DeviceAllocationConfiguration config : configs) {
            if (config == null || config.getOpaque() == null || !driver.equals(config.getOpaque().getDriver())
                    || !appliesTo(config.getRequests(), request)) {
                continue;
            }
            Object raw = config.getOpaque().getParameters();
            if (raw instanceof AnyType wrapped) {
                // a RawExtension as the client reads it back
                raw = wrapped.getValue();
            }
            if (raw instanceof Map<?, ?> map) {
                map.forEach((key, value) -> parameters.put(String.valueOf(key), value));
            } else if (raw != null) {
                errors.add("opaque parameters of driver " + driver + " must be an object, found " + raw);
            }
        }
        Optional<PoolName> ipPool = Optional.empty();
        Object poolValue = parameters.get(IP_POOL);
        if (poolValue != null && !"".equals(poolValue)) {
            if (poolValue instanceof String text && PoolName.isValid(text)) {
                ipPool = Optional.of(PoolName.of(text));
            } else {
                errors.add("parameter " + IP_POOL + " \"" + poolValue + "\" is not a valid pool name");
            }
        }
        Map<Family, StaticAddress> statics = new EnumMap<>(Family.class);
        readStatic(parameters, IPV4_ADDR, Family.IPV4, statics, errors);
        readStatic(parameters, IPV6_ADDR, Family.IPV6, statics, errors);
        Optional<String> error = errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors));
        return new DeviceAssignment(result.getDevice(), pool, request, ipPool, statics, error);
    }

    private static void readStatic(Map<String, Object> parameters, String key, Family family,
                                   Map<Family, StaticAddress> statics, List<String> errors) {
        Object value = parameters.get(key);
        if (value == null || "".equals(value)) {
            return;
        }
        if (!(value instanceof String text)) {
            errors.add("parameter " + key + " must be a string, found " + value);
            return;
        }
        try {
            StaticAddress address = StaticAddress.parse(text.trim());
            if (address.family() != family) {
                errors.add("parameter " + key + " \"" + text + "\" is not an " + family + " address");
                return;
            }
            statics.put(family, address);
        } catch (IllegalArgumentException e) {
            errors.add("parameter " + key + ": " + e.getMessage());
        }
    }

    private static boolean appliesTo(List<String> requests, String request) {
        if (requests == null || requests.isEmpty()) {
            return true;
        }
        int slash = request.indexOf('/');
        return requests.contains(request) || (slash > 0 && requests.contains(request.substring(0, slash)));
    }
}
