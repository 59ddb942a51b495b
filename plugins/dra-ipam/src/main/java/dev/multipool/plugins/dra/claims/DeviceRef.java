package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

/**
 * Identifies one device of a driver in a claim the way {@code status.devices[]} entries do: by DRA
 * device pool and device name (the driver is the controller's own).
 *
 * @param pool the DRA device pool
 * @param device the device name
 */
record DeviceRef(String pool, String device) {

    /** Validates the parts. */
    DeviceRef {
        requireNonNull(pool, "pool is null");
        requireNonNull(device, "device is null");
    }

    @Override
    public String toString() {
        return pool + "/" + device;
    }
}
