package dev.multipool.host.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the journal's files and the file-system steps that make them durable.
 *
 * <p>Generation {@code G} of the state is {@code snapshot-G.snap} (every record live when the
 * generation began) followed by {@code journal-G.log} (every change since). Files still being
 * written end in {@code .tmp} and are renamed into place only when complete and forced.
 */
final class JournalFiles {

    /** Suffix of a file that is not finished; such a file is never read and is removed at open. */
    static final String TEMP_SUFFIX = ".tmp";

    private static final Pattern LOG = Pattern.compile("journal-(\\d{1,18})\\.log");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{1,18})\\.snap");

    private JournalFiles() {
    }

    static Path log(Path directory, long generation) {
        return directory.resolve(String.format("journal-%010d.log", generation));
    }

    static Path snapshot(Path directory, long generation) {
        return directory.resolve(String.format("snapshot-%010d.snap", generation));
    }

    static Path temp(Path file) {
        return file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
    }

    /** Returns the generation of a log file name, if it is one. */
    static OptionalLong logGeneration(String fileName) {
        return generation(LOG.matcher(fileName));
    }

    /** Returns the generation of a snapshot file name, if it is one. */
    static OptionalLong snapshotGeneration(String fileName) {
        return generation(SNAPSHOT.matcher(fileName));
    }

    private static OptionalLong generation(Matcher matcher) {
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** Atomically replaces {@code target} by {@code source} and makes the rename durable. */
    static void rename(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    /** Deletes a file if present and makes the deletion durable. */
    static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDirectory(file.getParent());
        }
    }

    /**
     * Forces a directory's entries (creations, renames, deletions) to disk. Without this a rename
     * can be lost at a power failure even though the renamed file's content was forced.
     */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
