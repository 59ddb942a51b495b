package dev.multipool.host.state;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What {@link AllocationJournal#open()} found.
 *
 * @param records the live records
 * @param problems what could not be read but was safe to skip (for example a torn last record
 *     that was never acknowledged), for logs and status
 */
public record JournalContents(List<AllocationRecord> records, List<String> problems) {

    /** Validates and copies the parts. */
    public JournalContents {
        records = List.copyOf(requireNonNull(records, "records is null"));
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
    }
}
