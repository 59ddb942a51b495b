package dev.multipool.host.state;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The crash-safe record of every acknowledged allocation, shared by all consumers of a host. An
 * entry is durable when {@link #append} returns: the caller acknowledges a request only after that.
 * Concurrent appends are group-committed (one flush for many callers).
 */
public interface AllocationJournal extends AutoCloseable {

    /**
     * Reads the stored state. Called once, before the first append.
     *
     * @return the live records and any problems met while reading
     * @throws JournalCorruptException if continuing could hand an acknowledged address to a second
     *     owner (a damaged record in the middle, a file from a newer version)
     */
    JournalContents open();

    /**
     * Queues entries as one unit and returns at once; the future completes when they are durable
     * (or fails with a {@link JournalException}). Entries reach the file, and are applied to the live
     * records, in the order of the calls to this method, across all threads. The host relies on
     * that: it queues while holding the lock that ordered the change in its manager, and waits for
     * the future after letting go of the lock.
     *
     * @param entries the entries, applied in order
     * @return a future that completes when the entries are durable
     */
    CompletableFuture<Void> appendAsync(List<JournalEntry> entries);

    /**
     * Appends entries as one unit and returns when they are durable.
     *
     * @param entries the entries, applied in order
     * @throws JournalException if they could not be made durable; nothing was acknowledged
     */
    default void append(List<JournalEntry> entries) {
        try {
            appendAsync(entries).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof JournalException journal) {
                throw journal;
            }
            throw new JournalException("journal append failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Appends one entry and returns when it is durable.
     *
     * @param entry the entry
     * @throws JournalException if it could not be made durable
     */
    default void append(JournalEntry entry) {
        append(List.of(entry));
    }

    /**
     * Returns the records that are live now (allocated and not released), for status and tests.
     *
     * @return a snapshot
     */
    List<AllocationRecord> liveRecords();

    /** Flushes and closes the files. Appends after close fail. */
    @Override
    void close();
}
