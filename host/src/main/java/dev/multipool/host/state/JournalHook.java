package dev.multipool.host.state;

import java.io.IOException;

/**
 * Points in the journal's work where tests inject faults (an I/O error, a simulated crash that
 * leaves the files as they are) or pause the writer. Production code uses {@link #NONE}.
 */
@FunctionalInterface
interface JournalHook {

    /** Does nothing. */
    JournalHook NONE = point -> { };

    /** Where the journal is. */
    enum Point {
        /** The writer holds a batch and is about to write it. */
        BEFORE_COMMIT,
        /** The batch is written to the journal file but not yet forced: nobody has been answered. */
        WRITTEN,
        /** The next snapshot is written to its temporary file, not yet forced. */
        SNAPSHOT_WRITTEN,
        /** The temporary snapshot is forced to disk. */
        SNAPSHOT_FORCED,
        /** The next generation's empty journal is in place (the snapshot is still temporary). */
        LOG_CREATED,
        /** The snapshot is renamed into place: the new generation is the current one. */
        SNAPSHOT_RENAMED,
        /** The previous generation's journal is deleted. */
        OLD_LOG_DELETED,
        /** The previous generation's snapshot is deleted: compaction is complete. */
        OLD_SNAPSHOT_DELETED
    }

    /**
     * Called when the journal reaches a point.
     *
     * @param point the point
     * @throws IOException to simulate an I/O error there
     */
    void at(Point point) throws IOException;
}
