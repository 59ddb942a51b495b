package dev.multipool.host.manager;

import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Restored addresses whose CIDR is not delegated (yet): reserved for their owner, counted as in
 * use for demand, placed by the manager when a range containing them appears. Not thread-safe:
 * the manager's lock guards it.
 */
final class DeferredRestores {

    private final Map<PoolName, EnumMap<Family, NavigableMap<IpAddress, String>>> entries = new HashMap<>();

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The number of reservations (costs one step per pool and family). */
    int size() {
        int size = 0;
        for (EnumMap<Family, NavigableMap<IpAddress, String>> byFamily : entries.values()) {
            for (NavigableMap<IpAddress, String> reserved : byFamily.values()) {
                size += reserved.size();
            }
        }
        return size;
    }

    void reserve(PoolName pool, IpAddress address, String owner) {
        entries.computeIfAbsent(pool, p -> new EnumMap<>(Family.class))
                .computeIfAbsent(address.family(), f -> new TreeMap<>())
                .put(address, owner);
    }

    /** The owner reserving the address in the pool, or null. */
    String ownerOf(PoolName pool, IpAddress address) {
        if (entries.isEmpty()) {
            return null;
        }
        NavigableMap<IpAddress, String> reserved = reserved(pool, address.family());
        return reserved == null ? null : reserved.get(address);
    }

    /** Drops a reservation and returns its owner, or null when there was none. */
    String remove(PoolName pool, IpAddress address) {
        if (entries.isEmpty()) {
            return null;
        }
        EnumMap<Family, NavigableMap<IpAddress, String>> byFamily = entries.get(pool);
        NavigableMap<IpAddress, String> reserved = byFamily == null ? null : byFamily.get(address.family());
        String owner = reserved == null ? null : reserved.remove(address);
        if (owner != null && reserved.isEmpty()) {
            byFamily.remove(address.family());
            if (byFamily.isEmpty()) {
                entries.remove(pool);
            }
        }
        return owner;
    }

    int count(PoolName pool, Family family) {
        NavigableMap<IpAddress, String> reserved = reserved(pool, family);
        return reserved == null ? 0 : reserved.size();
    }

    /** The reservations of one pool and family, sorted by address; empty when none. */
    NavigableMap<IpAddress, String> of(PoolName pool, Family family) {
        NavigableMap<IpAddress, String> reserved = reserved(pool, family);
        return reserved == null ? new TreeMap<>() : reserved;
    }

    Set<PoolName> pools() {
        return entries.keySet();
    }

    /** Visits every reservation. */
    void forEach(ReservationVisitor visitor) {
        removeIf((pool, address, owner) -> {
            visitor.visit(pool, address, owner);
            return false;
        });
    }

    /** Visits every reservation; the visitor may ask to drop the one it is given. */
    void removeIf(ReservationFilter filter) {
        for (Iterator<Map.Entry<PoolName, EnumMap<Family, NavigableMap<IpAddress, String>>>> pools =
                entries.entrySet().iterator(); pools.hasNext(); ) {
            Map.Entry<PoolName, EnumMap<Family, NavigableMap<IpAddress, String>>> pool = pools.next();
            for (Iterator<NavigableMap<IpAddress, String>> families = pool.getValue().values().iterator();
                    families.hasNext(); ) {
                NavigableMap<IpAddress, String> reserved = families.next();
                reserved.entrySet().removeIf(e -> filter.drop(pool.getKey(), e.getKey(), e.getValue()));
                if (reserved.isEmpty()) {
                    families.remove();
                }
            }
            if (pool.getValue().isEmpty()) {
                pools.remove();
            }
        }
    }

    private NavigableMap<IpAddress, String> reserved(PoolName pool, Family family) {
        EnumMap<Family, NavigableMap<IpAddress, String>> byFamily = entries.get(pool);
        return byFamily == null ? null : byFamily.get(family);
    }

    /** Receives one reservation. */
    @FunctionalInterface
    interface ReservationVisitor {
        void visit(PoolName pool, IpAddress address, String owner);
    }

    /** Decides whether to drop one reservation (after acting on it). */
    @FunctionalInterface
    interface ReservationFilter {
        boolean drop(PoolName pool, IpAddress address, String owner);
    }
}
