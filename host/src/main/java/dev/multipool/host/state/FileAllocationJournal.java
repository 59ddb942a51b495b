package dev.multipool.host.state;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The allocation journal kept in files under one directory (the host passes
 * {@code <state-dir>/allocations/}): an append-only journal of checksummed records plus snapshots,
 * with group commit. The format, the recovery rules and the reasons for this design are in
 * {@code docs/state.md}.
 *
 * <p>Thread-safe. The futures of {@link #appendAsync} complete on the journal's writer thread:
 * dependent actions that block or append must use the {@code ...Async} variants.
 */
public final class FileAllocationJournal implements AllocationJournal {

    private final Path directory;
    private final JournalOptions options;
    private final JournalHook hook;
    private final Object openLock = new Object();
    private volatile LiveRecords live;
    private volatile GroupCommitWriter writer;
    private boolean opened;

    /**
     * Creates a journal with {@link JournalOptions#DEFAULTS}; nothing is read until {@link #open()}.
     *
     * @param directory the directory holding the files; created at open if missing
     */
    public FileAllocationJournal(Path directory) {
        this(directory, JournalOptions.DEFAULTS);
    }

    /**
     * Creates a journal; nothing is read until {@link #open()}.
     *
     * @param directory the directory holding the files; created at open if missing
     * @param options tuning
     */
    public FileAllocationJournal(Path directory, JournalOptions options) {
        this(directory, options, JournalHook.NONE);
    }

    FileAllocationJournal(Path directory, JournalOptions options, JournalHook hook) {
        this.directory = requireNonNull(directory, "directory is null");
        this.options = requireNonNull(options, "options is null");
        this.hook = requireNonNull(hook, "hook is null");
    }

    @Override
    public JournalContents open() {
        synchronized (openLock) {
            if (opened) {
                throw new IllegalStateException("the allocation journal in " + directory + " is already open");
            }
            JournalRecovery.Recovered recovered;
            try {
                recovered = JournalRecovery.recover(directory, hook);
            } catch (IOException e) {
                throw new JournalException("cannot read the allocation state in " + directory + ": " + e, e);
            }
            opened = true;
            live = recovered.live();
            writer = new GroupCommitWriter(directory, options, hook, recovered.live(), recovered.log());
            return new JournalContents(recovered.live().copy(), recovered.problems());
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if an entry cannot be stored (an owner over 512 bytes of
     *     UTF-8, text that is not valid Unicode, or more entries than fit one 16 MiB record);
     *     nothing is queued
     * @throws IllegalStateException if the journal was not opened
     */
    @Override
    public CompletableFuture<Void> appendAsync(List<JournalEntry> entries) {
        requireNonNull(entries, "entries is null");
        List<JournalEntry> copy = List.copyOf(entries);
        GroupCommitWriter current = requireOpen();
        if (copy.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] encoded = EntryCodec.encode(copy);
        if (encoded.length > Frames.MAX_PAYLOAD - 4) {
            throw new IllegalArgumentException(copy.size() + " entries take " + encoded.length
                    + " bytes, more than one journal record holds (" + (Frames.MAX_PAYLOAD - 4) + "); split them");
        }
        return current.submit(encoded, copy);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if called on the journal's writer thread (from a future's
     *     dependent action), where waiting would never end
     */
    @Override
    public void append(List<JournalEntry> entries) {
        if (requireOpen().isWriterThread()) {
            throw new IllegalStateException("append() must not wait on the journal's own writer thread; "
                    + "use appendAsync or an ...Async dependent action");
        }
        AllocationJournal.super.append(entries);
    }

    @Override
    public List<AllocationRecord> liveRecords() {
        LiveRecords current = live;
        return current == null ? List.of() : current.copy();
    }

    /**
     * Compacts now (snapshot of the live records, new journal file) instead of waiting for the
     * size threshold; for tests, benchmarks and operators.
     *
     * @throws JournalException if compaction failed (the journal goes on with the current file)
     *     or the journal has failed
     */
    public void compact() {
        try {
            requireOpen().requestCompaction().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof JournalException journal ? journal
                    : new JournalException("compaction failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Returns counters since open.
     *
     * @return the counters
     */
    public JournalStatistics statistics() {
        return requireOpen().statistics();
    }

    /** Returns how many appends wait for the writer (for tests of group commit). */
    int queuedAppends() {
        return requireOpen().queuedAppends();
    }

    @Override
    public void close() {
        GroupCommitWriter current = writer;
        if (current != null) {
            current.close();
        }
    }

    private GroupCommitWriter requireOpen() {
        GroupCommitWriter current = writer;
        if (current == null) {
            throw new IllegalStateException("the allocation journal in " + directory + " is not open");
        }
        return current;
    }
}
