package dev.multipool.host.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a new generation: snapshot of the live records plus an empty journal, in an order that
 * a crash at any step leaves either the old generation or the new one complete.
 *
 * <ol>
 *   <li>write {@code snapshot-N.snap.tmp} and force it;</li>
 *   <li>create the empty {@code journal-N.log} (its own temporary file, forced, renamed);</li>
 *   <li>rename the snapshot into place: from here on generation N is the current one;</li>
 *   <li>delete the previous journal, then the previous snapshot.</li>
 * </ol>
 *
 * <p>The journal is created before the snapshot is renamed so that a snapshot without its
 * journal never happens after a crash, and so always means a file was lost (see
 * {@link JournalRecovery}).
 */
final class Compaction {

    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

    /** The new generation exists on disk but could not be confirmed; the journal must stop. */
    static final class UncertainRename extends IOException {

        private static final long serialVersionUID = 1L;

        UncertainRename(IOException cause) {
            super("renaming the snapshot into place failed; whether the new generation is current is unknown",
                    cause);
        }
    }

    private Compaction() {
    }

    /**
     * Makes {@code generation} current, holding exactly {@code records}.
     *
     * @return the new generation's journal, open for appending
     * @throws UncertainRename if the final rename failed (the caller must stop appending)
     * @throws IOException if an earlier step failed; the previous generation is still current and
     *     the partial files were removed
     */
    static LogFile startGeneration(Path directory, long generation, Collection<AllocationRecord> records,
                                   JournalHook hook) throws IOException {
        Path temp = JournalFiles.temp(JournalFiles.snapshot(directory, generation));
        LogFile log = null;
        try {
            SnapshotFile.writeTemp(directory, generation, records, hook);
            log = LogFile.create(directory, generation);
            hook.at(JournalHook.Point.LOG_CREATED);
        } catch (IOException e) {
            undo(temp, log, directory, generation, e);
            throw e;
        }
        try {
            JournalFiles.rename(temp, JournalFiles.snapshot(directory, generation));
        } catch (IOException e) {
            log.close();
            throw new UncertainRename(e);
        }
        hook.at(JournalHook.Point.SNAPSHOT_RENAMED);
        return log;
    }

    /** Removes the previous generation's files; failures only leave files recovery removes later. */
    static void removeGeneration(Path directory, long generation, JournalHook hook) throws IOException {
        try {
            JournalFiles.delete(JournalFiles.log(directory, generation));
            hook.at(JournalHook.Point.OLD_LOG_DELETED);
            JournalFiles.delete(JournalFiles.snapshot(directory, generation));
        } catch (IOException e) {
            LOG.warn("Could not remove the files of state generation {} in {}; they are removed at the next start",
                    generation, directory, e);
        }
        hook.at(JournalHook.Point.OLD_SNAPSHOT_DELETED);
    }

    private static void undo(Path temp, LogFile log, Path directory, long generation, IOException cause) {
        try {
            if (log != null) {
                log.close();
            }
            Files.deleteIfExists(temp);
            Path newLog = JournalFiles.log(directory, generation);
            Files.deleteIfExists(JournalFiles.temp(newLog));
            Files.deleteIfExists(newLog);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
