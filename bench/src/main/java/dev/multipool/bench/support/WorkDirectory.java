package dev.multipool.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A benchmark's working directory. Every tool starts from an empty one, so that no state directory,
 * socket or journal left by an earlier run is measured again (a restart would otherwise restore the
 * earlier run's allocations as well).
 */
public final class WorkDirectory {

    private WorkDirectory() {
    }

    /**
     * The working directory named by {@code args[index]}, or a new temporary directory when the
     * argument is absent, emptied and created.
     *
     * @param args the tool's arguments
     * @param index position of the directory argument
     * @param prefix prefix of the temporary directory's name
     * @return the absolute path of the empty directory
     * @throws IOException if it cannot be emptied or created
     */
    public static Path prepare(String[] args, int index, String prefix) throws IOException {
        Path work = args.length > index ? Path.of(args[index]) : Files.createTempDirectory(prefix);
        return fresh(work);
    }

    /**
     * Deletes whatever is at {@code directory} and creates it empty.
     *
     * @param directory the directory
     * @return its absolute path
     * @throws IOException if it cannot be emptied or created
     */
    public static Path fresh(Path directory) throws IOException {
        delete(directory);
        return Files.createDirectories(directory).toAbsolutePath();
    }

    /**
     * Deletes a directory tree if present.
     *
     * @param directory the directory
     */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
