package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One pool as the manager sees it at one moment (spec M56, extended with owners and counters).
 *
 * @param name the pool
 * @param families the state of each enabled family the pool has a range list for
 */
public record PoolDump(PoolName name, Map<Family, FamilyDump> families) {

    /** Validates and copies the parts. */
    public PoolDump {
        requireNonNull(name, "name is null");
        requireNonNull(families, "families is null");
        families = families.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(families));
    }
}
