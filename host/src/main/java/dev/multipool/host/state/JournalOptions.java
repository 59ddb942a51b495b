package dev.multipool.host.state;

/**
 * Tuning of a {@link FileAllocationJournal}.
 *
 * @param compactAfterBytes compact (snapshot the live records and start a new journal file) once
 *     the current journal file is at least this large; at most 1 GiB
 * @param maxBatchBytes the most payload bytes one group commit gathers from waiting appends; an
 *     append larger than this is still written, alone
 */
public record JournalOptions(long compactAfterBytes, int maxBatchBytes) {

    /** The largest compaction threshold: a journal file must stay well below 2 GiB to be read back. */
    public static final long MAX_COMPACT_AFTER_BYTES = 1L << 30;

    /** Compaction at 64 MiB, batches of up to 1 MiB. */
    public static final JournalOptions DEFAULTS = new JournalOptions(64L << 20, 1 << 20);

    /** Validates the values. */
    public JournalOptions {
        if (compactAfterBytes < FileHeader.SIZE || compactAfterBytes > MAX_COMPACT_AFTER_BYTES) {
            throw new IllegalArgumentException("compactAfterBytes must be " + FileHeader.SIZE + " to "
                    + MAX_COMPACT_AFTER_BYTES + " (files are read through a memory map at start): "
                    + compactAfterBytes);
        }
        if (maxBatchBytes < 1 || maxBatchBytes > Frames.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxBatchBytes must be 1 to " + Frames.MAX_PAYLOAD + ": " + maxBatchBytes);
        }
    }
}
