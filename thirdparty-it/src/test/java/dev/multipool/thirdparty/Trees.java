package dev.multipool.thirdparty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File tree helpers of the third-party checks. */
final class Trees {

    private Trees() {
    }

    /**
     * Copies a directory tree, keeping file attributes (the launcher script stays executable).
     *
     * @param source the tree
     * @param target where the copy goes (must not exist)
     */
    static void copy(Path source, Path target) {
        if (!Files.isDirectory(source)) {
            throw new IllegalStateException(source + " does not exist: build the reactor through package first");
        }
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    /**
     * Returns the one file of a directory matching a glob.
     *
     * @param directory the directory
     * @param glob for example {@code vm-ipam-*.jar}
     * @return the file
     * @throws IllegalStateException unless exactly one file matches
     */
    static Path single(Path directory, String glob) {
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
            files.forEach(matches::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        if (matches.size() != 1) {
            throw new IllegalStateException("expected one " + glob + " in " + directory + ", found " + matches);
        }
        return matches.get(0);
    }
}
