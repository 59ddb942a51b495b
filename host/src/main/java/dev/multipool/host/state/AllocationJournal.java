package dev.multipool.host.state;

import java.util.List;

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
     * Appends entries as one unit and returns when they are durable.
     *
     * @param entries the entries, applied in order
     * @throws JournalException if they could not be made durable; nothing was acknowledged
     */
    void append(List<JournalEntry> entries);

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
