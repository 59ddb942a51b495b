package dev.multipool.host.state;

/**
 * Counters of a {@link FileAllocationJournal} since it was opened, for metrics and tests.
 *
 * @param appends append calls made durable
 * @param entries entries made durable
 * @param commits group commits: one write and one force each
 * @param compactions compactions completed
 * @param generation the current generation (file number)
 * @param journalBytes the size of the current journal file
 * @param liveRecords the number of live records
 */
public record JournalStatistics(long appends, long entries, long commits, long compactions, long generation,
                                long journalBytes, int liveRecords) {
}
