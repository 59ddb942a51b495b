package dev.multipool.host.state;

import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live records, keyed by consumer, pool and address, kept up to date as entries become
 * durable. Expiration deadlines are kept at millisecond precision, as stored, so the records read
 * the same before and after a restart. Thread-safe: one batch is applied as a unit.
 */
final class LiveRecords {

    private record Key(String consumer, PoolName pool, IpAddress address) {
    }

    private final Map<Key, AllocationRecord> records;

    /** Creates an empty set. */
    LiveRecords() {
        this(16);
    }

    /** Creates an empty set sized for about {@code expected} records. */
    LiveRecords(long expected) {
        records = new HashMap<>((int) Math.min(1 << 30, Math.max(16, expected * 4 / 3 + 1)));
    }

    /** Applies one entry; a release or stop for an unknown record changes nothing. */
    synchronized void apply(JournalEntry entry) {
        Key key = new Key(entry.consumer(), entry.pool(), entry.address());
        if (entry instanceof JournalEntry.Allocated allocated) {
            Optional<ExpirationTimer> expiration = allocated.expiration();
            if (expiration.isPresent() && expiration.get().deadline().getNano() % 1_000_000 != 0) {
                ExpirationTimer timer = expiration.get();
                expiration = Optional.of(new ExpirationTimer(timer.uuid(),
                        timer.deadline().truncatedTo(ChronoUnit.MILLIS)));
            }
            records.put(key, new AllocationRecord(allocated.consumer(), allocated.pool(), allocated.address(),
                    allocated.owner(), expiration));
        } else if (entry instanceof JournalEntry.Released) {
            records.remove(key);
        } else {
            records.computeIfPresent(key, (ignored, record) -> new AllocationRecord(record.consumer(),
                    record.pool(), record.address(), record.owner(), Optional.empty()));
        }
    }

    /** Applies the entries of several appends as one unit. */
    synchronized void applyAll(List<List<JournalEntry>> batches) {
        for (List<JournalEntry> batch : batches) {
            for (JournalEntry entry : batch) {
                apply(entry);
            }
        }
    }

    /** Adds a record read from a snapshot. */
    synchronized void put(AllocationRecord record) {
        records.put(new Key(record.consumer(), record.pool(), record.address()), record);
    }

    /** Returns a copy of the live records. */
    synchronized List<AllocationRecord> copy() {
        return new ArrayList<>(records.values());
    }

    /** Returns the number of live records. */
    synchronized int size() {
        return records.size();
    }
}
