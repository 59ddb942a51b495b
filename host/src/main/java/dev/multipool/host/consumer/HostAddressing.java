package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cilium's {@code NodeAddressing}: per family whether it is enabled and the node's primary
 * allocation CIDR.
 *
 * @param families the entry of each family (both families are always present)
 */
public record HostAddressing(Map<Family, FamilyAddressing> families) {

    /**
     * One family's addressing.
     *
     * @param enabled whether the family is enabled
     * @param allocRange the primary allocation CIDR, if known
     */
    public record FamilyAddressing(boolean enabled, Optional<Cidr> allocRange) {

        /** Validates the parts. */
        public FamilyAddressing {
            requireNonNull(allocRange, "allocRange is null");
        }
    }

    /** Validates and copies the parts. */
    public HostAddressing {
        requireNonNull(families, "families is null");
        for (Family family : Family.values()) {
            if (!families.containsKey(family)) {
                throw new IllegalArgumentException("host addressing lacks " + family);
            }
        }
        families = Collections.unmodifiableMap(new EnumMap<>(families));
    }
}
