package dev.multipool.host.state;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/** The journal file of the current generation, open for appending. Used by one thread at a time. */
final class LogFile implements Closeable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final long generation;
    private final long salt;
    private final FileChannel channel;
    private long size;

    private LogFile(Path path, long generation, long salt, FileChannel channel, long size) {
        this.path = path;
        this.generation = generation;
        this.salt = salt;
        this.channel = channel;
        this.size = size;
    }

    /** Returns a new random salt for a file. */
    static long newSalt() {
        return RANDOM.nextLong();
    }

    /**
     * Creates the empty journal of a generation: header written to a temporary file, forced, then
     * renamed into place, so a journal file always has a complete header.
     */
    static LogFile create(Path directory, long generation) throws IOException {
        Path path = JournalFiles.log(directory, generation);
        Path temp = JournalFiles.temp(path);
        FileHeader header = new FileHeader(FileHeader.Kind.JOURNAL, generation, newSalt(), 0);
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.allocate(FileHeader.SIZE);
            header.writeTo(bytes);
            writeFully(out, bytes.flip(), 0);
            out.force(true);
        }
        JournalFiles.rename(temp, path);
        return openForAppend(path, header, FileHeader.SIZE);
    }

    /**
     * Opens an existing journal for appending after {@code end}, cutting off anything after it
     * (a torn last record) durably before the first append.
     */
    static LogFile openForAppend(Path path, FileHeader header, long end) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            if (channel.size() > end) {
                channel.truncate(end);
                channel.force(true);
            }
            return new LogFile(path, header.generation(), header.salt(), channel, end);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Writes a frame at the end of the file (not yet durable). */
    void write(ByteBuffer frame) throws IOException {
        size = writeFully(channel, frame, size);
    }

    /** Makes everything written durable. */
    void force() throws IOException {
        channel.force(false);
    }

    static long writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
        return at;
    }

    Path path() {
        return path;
    }

    long generation() {
        return generation;
    }

    long salt() {
        return salt;
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
