package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Failed allocations that still count as demand (spec M19–M22): {@code (pool, family, owner)} to
 * an expiry time. Recording an existing key again moves its expiry; a successful allocation clears
 * the key; release does not. Entries expire only when {@link #expire} runs, and only when the time
 * is strictly after their expiry. Not thread-safe: the manager's lock guards it.
 */
final class PendingAllocations {

    private final Duration ttl;
    private final Map<PoolName, EnumMap<Family, Map<String, Instant>>> entries = new HashMap<>();

    PendingAllocations(Duration ttl) {
        this.ttl = requireNonNull(ttl, "ttl is null");
    }

    /** M19: records (or refreshes) a failed allocation at {@code now}. */
    void upsert(PoolName pool, Family family, String owner, Instant now) {
        entries.computeIfAbsent(pool, p -> new EnumMap<>(Family.class))
                .computeIfAbsent(family, f -> new HashMap<>())
                .put(owner, now.plus(ttl));
    }

    /** M21: the owner's allocation succeeded. */
    void remove(PoolName pool, Family family, String owner) {
        if (entries.isEmpty()) {
            return;
        }
        EnumMap<Family, Map<String, Instant>> byFamily = entries.get(pool);
        if (byFamily == null) {
            return;
        }
        Map<String, Instant> owners = byFamily.get(family);
        if (owners != null && owners.remove(owner) != null && owners.isEmpty()) {
            byFamily.remove(family);
            if (byFamily.isEmpty()) {
                entries.remove(pool);
            }
        }
    }

    /** M20: drops every entry whose expiry is strictly before {@code now}. */
    void expire(Instant now) {
        for (Iterator<EnumMap<Family, Map<String, Instant>>> pools = entries.values().iterator(); pools.hasNext(); ) {
            EnumMap<Family, Map<String, Instant>> byFamily = pools.next();
            for (Iterator<Map<String, Instant>> families = byFamily.values().iterator(); families.hasNext(); ) {
                Map<String, Instant> owners = families.next();
                owners.values().removeIf(now::isAfter);
                if (owners.isEmpty()) {
                    families.remove();
                }
            }
            if (byFamily.isEmpty()) {
                pools.remove();
            }
        }
    }

    /** M22: the number of distinct owners pending for the pool and family. */
    int count(PoolName pool, Family family) {
        EnumMap<Family, Map<String, Instant>> byFamily = entries.get(pool);
        Map<String, Instant> owners = byFamily == null ? null : byFamily.get(family);
        return owners == null ? 0 : owners.size();
    }

    /** The pools with at least one pending entry. */
    Set<PoolName> pools() {
        return entries.keySet();
    }
}
