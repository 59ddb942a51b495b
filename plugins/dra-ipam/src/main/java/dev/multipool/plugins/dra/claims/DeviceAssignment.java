package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One device of a claim that this node's claim controller must give addresses: an allocation result
 * of the configured driver on this node, with the opaque config that applies to its request.
 *
 * @param device the device name (also the interface name)
 * @param draPool the DRA device pool the result names (written back in {@code status.devices[].pool})
 * @param request the request the device was allocated for
 * @param ipPool the CiliumResourceIPPool named by the {@code ip-pool} parameter, if any
 * @param statics addresses fixed by {@code ipv4Addr} / {@code ipv6Addr}
 * @param configError why the config cannot be used, if it cannot
 */
public record DeviceAssignment(String device, String draPool, String request, Optional<PoolName> ipPool,
                               Map<Family, StaticAddress> statics, Optional<String> configError) {

    /** Validates and copies the parts. */
    public DeviceAssignment {
        requireNonNull(device, "device is null");
        requireNonNull(draPool, "draPool is null");
        requireNonNull(request, "request is null");
        requireNonNull(ipPool, "ipPool is null");
        requireNonNull(configError, "configError is null");
        Map<Family, StaticAddress> copy = new EnumMap<>(Family.class);
        copy.putAll(requireNonNull(statics, "statics is null"));
        statics = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns how {@code status.devices[]} names this device.
     *
     * @return the device pool and name
     */
    DeviceRef ref() {
        return new DeviceRef(draPool, device);
    }
}
