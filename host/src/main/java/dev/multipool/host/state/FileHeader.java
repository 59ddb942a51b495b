package dev.multipool.host.state;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The fixed 36-byte header at the start of every journal and snapshot file (big-endian).
 *
 * <pre>
 *  0  int   magic          "MPJL" (journal) or "MPJS" (snapshot)
 *  4  int   format version (1)
 *  8  long  generation     must match the file name
 * 16  long  salt           random per file; seeds every record checksum in the file
 * 24  long  record count   live records in a snapshot, 0 in a journal
 * 32  int   CRC32C of bytes 0..31
 * </pre>
 *
 * <p>Magic and version stay at these offsets in every future format, so that an older build can
 * always tell that a file is newer than it understands.
 *
 * @param kind journal or snapshot
 * @param generation the generation
 * @param salt the checksum salt of the file
 * @param recordCount live records in a snapshot, 0 in a journal
 */
record FileHeader(Kind kind, long generation, long salt, long recordCount) {

    /** The format version this build writes and the newest it reads. */
    static final int FORMAT_VERSION = 1;

    /** Size of the header in bytes. */
    static final int SIZE = 36;

    /** What a file holds. */
    enum Kind {
        /** An append-only journal of changes. */
        JOURNAL(0x4D504A4C),
        /** The live records at the start of a generation. */
        SNAPSHOT(0x4D504A53);

        private final int magic;

        Kind(int magic) {
            this.magic = magic;
        }
    }

    /** Writes the header at the buffer's position. */
    void writeTo(ByteBuffer buffer) {
        int start = buffer.position();
        buffer.putInt(kind.magic).putInt(FORMAT_VERSION).putLong(generation).putLong(salt).putLong(recordCount);
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(start).limit(start + SIZE - 4));
        buffer.putInt((int) crc.getValue());
    }

    /**
     * Reads and checks the header at the start of a file.
     *
     * @param file the file, for messages
     * @param buffer the file's content from offset 0
     * @param expected the kind the file name promises
     * @param generation the generation the file name promises
     * @return the header
     * @throws JournalCorruptException if the header is not a valid header of this or an older
     *     format, or does not match the file name
     */
    static FileHeader read(Path file, ByteBuffer buffer, Kind expected, long generation) {
        if (buffer.limit() < 8 || buffer.getInt(0) != expected.magic) {
            throw StateDamage.corrupt(file, 0, "the file does not start with a multipool " + name(expected) + " header");
        }
        int version = buffer.getInt(4);
        if (version > FORMAT_VERSION) {
            throw StateDamage.corrupt(file, 4, "it was written by a newer multipool (state format version " + version
                    + ", this build reads up to " + FORMAT_VERSION + ") and cannot be read safely");
        }
        if (version < 1 || buffer.limit() < SIZE) {
            throw StateDamage.corrupt(file, 0, "the " + name(expected) + " header is damaged");
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(0).limit(SIZE - 4));
        if ((int) crc.getValue() != buffer.getInt(SIZE - 4)) {
            throw StateDamage.corrupt(file, 0, "the " + name(expected) + " header has a bad checksum");
        }
        long storedGeneration = buffer.getLong(8);
        if (storedGeneration != generation) {
            throw StateDamage.corrupt(file, 8, "the header says generation " + storedGeneration
                    + " but the file name says " + generation + " (was the file renamed or copied?)");
        }
        long count = buffer.getLong(24);
        if (count < 0 || (expected == Kind.JOURNAL && count != 0)) {
            throw StateDamage.corrupt(file, 24, "the header holds an impossible record count " + count);
        }
        return new FileHeader(expected, generation, buffer.getLong(16), count);
    }

    private static String name(Kind kind) {
        return kind == Kind.JOURNAL ? "journal" : "snapshot";
    }
}
