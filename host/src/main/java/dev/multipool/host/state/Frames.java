package dev.multipool.host.state;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Record framing shared by journals and snapshots (big-endian).
 *
 * <pre>
 * 0  int  payload length (1 .. {@value #MAX_PAYLOAD})
 * 4  int  CRC32C of (file salt as 8 bytes, the length field, the payload)
 * 8  payload: int entry count, then the entries ({@link EntryCodec})
 * </pre>
 *
 * <p>One frame is written per group commit, so a crash can tear only the last frame of a journal.
 * Seeding the checksum with the file's random salt means that bytes which merely look like a
 * frame (an owner string holding a copy of one, a stale file) never pass as one.
 */
final class Frames {

    /** Bytes before the payload. */
    static final int HEADER = 8;

    /** The largest payload a frame may have. */
    static final int MAX_PAYLOAD = 16 << 20;

    private Frames() {
    }

    /**
     * Builds one frame holding the encoded entries of several appends.
     *
     * @param salt the file's salt
     * @param parts encoded entries, in order
     * @param entryCount the number of entries in all parts
     * @return the frame, ready to write
     */
    static ByteBuffer build(long salt, List<byte[]> parts, int entryCount) {
        int payload = 4;
        for (byte[] part : parts) {
            payload += part.length;
        }
        if (payload > MAX_PAYLOAD) {
            throw new IllegalArgumentException("record of " + payload + " bytes exceeds " + MAX_PAYLOAD);
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload);
        frame.putInt(payload).putInt(0).putInt(entryCount);
        for (byte[] part : parts) {
            frame.put(part);
        }
        frame.putInt(4, checksum(salt, frame, 0, payload));
        return frame.flip();
    }

    /** Computes the checksum of the frame starting at {@code offset} with the given payload length. */
    static int checksum(long salt, ByteBuffer buffer, int offset, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(salt).flip());
        crc.update(buffer.duplicate().position(offset).limit(offset + 4));
        crc.update(buffer.duplicate().position(offset + HEADER).limit(offset + HEADER + payloadLength));
        return (int) crc.getValue();
    }

    /**
     * Checks the frame at {@code offset}.
     *
     * @param buffer the file content, limit = file size
     * @param offset where the frame starts
     * @param salt the file's salt
     * @return null if the frame is intact, else why it is not
     */
    static String problemAt(ByteBuffer buffer, int offset, long salt) {
        int remaining = buffer.limit() - offset;
        if (remaining < HEADER) {
            return "only " + remaining + " of the " + HEADER + " record header bytes are present";
        }
        int length = buffer.getInt(offset);
        if (length < 4 || length > MAX_PAYLOAD) {
            return "impossible record length " + length;
        }
        if (length > remaining - HEADER) {
            return "the record announces " + length + " bytes but only " + (remaining - HEADER) + " follow";
        }
        if (checksum(salt, buffer, offset, length) != buffer.getInt(offset + 4)) {
            return "bad checksum";
        }
        return null;
    }

    /**
     * Looks for any intact frame starting after {@code offset}, at any byte position.
     *
     * @return the offset of the first intact frame found, or -1
     */
    static int findIntactAfter(ByteBuffer buffer, int offset, long salt) {
        int last = buffer.limit() - HEADER - 4;
        for (int candidate = offset + 1; candidate <= last; candidate++) {
            int length = buffer.getInt(candidate);
            if (length >= 4 && length <= last - candidate + 4
                    && checksum(salt, buffer, candidate, length) == buffer.getInt(candidate + 4)) {
                return candidate;
            }
        }
        return -1;
    }
}
