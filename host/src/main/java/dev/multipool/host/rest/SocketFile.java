package dev.multipool.host.rest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The file system side of the REST socket: path checks, stale files, permissions. */
final class SocketFile {

    /** Longest socket path the kernel accepts ({@code sun_path} less its terminating zero). */
    static final int MAX_PATH_BYTES = 107;

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private SocketFile() {
    }

    /**
     * Makes the path ready to bind: checks its length, creates its parent directories and removes
     * a socket file left by a process that no longer listens on it.
     *
     * @param path the socket path
     * @throws IOException if the path is too long, is not a socket, or a live process listens on it
     */
    static void prepare(Path path) throws IOException {
        int length = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw new IOException("socket path " + path + " is " + length + " bytes long: at most "
                    + MAX_PATH_BYTES + " are allowed");
        }
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!isSocket(path)) {
            throw new IOException("socket path " + path + " exists and is not a socket: refusing to replace it");
        }
        if (listening(path)) {
            throw new IOException("socket path " + path + " is in use: another process is serving on it");
        }
        Files.deleteIfExists(path);
    }

    /**
     * Gives the socket file mode 0660 (owner and group may connect).
     *
     * @param path the socket path
     * @throws IOException if the mode cannot be set
     */
    static void restrict(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
    }

    /**
     * Returns whether the path is a unix domain socket (not following links).
     *
     * @param path any path
     * @return true for a socket
     * @throws IOException if the file type cannot be read
     */
    static boolean isSocket(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFSOCK;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static boolean listening(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
