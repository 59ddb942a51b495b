package dev.multipool.host.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;

/**
 * Writes and reads snapshots: a header holding the record count, then frames of
 * {@link JournalEntry.Allocated} entries, one per live record, and nothing after them. A snapshot
 * is complete by construction (written to a temporary file, forced, renamed), so any damage in
 * one is fatal.
 */
final class SnapshotFile {

    private static final int FRAME_TARGET = 1 << 20;

    private SnapshotFile() {
    }

    /**
     * Writes the live records to the temporary file of the generation's snapshot and forces it.
     *
     * @return the temporary file; the caller renames it into place
     */
    static Path writeTemp(Path directory, long generation, Collection<AllocationRecord> records, JournalHook hook)
            throws IOException {
        Path temp = JournalFiles.temp(JournalFiles.snapshot(directory, generation));
        long salt = LogFile.newSalt();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(FileHeader.SIZE);
            new FileHeader(FileHeader.Kind.SNAPSHOT, generation, salt, records.size()).writeTo(header);
            long position = LogFile.writeFully(channel, header.flip(), 0);
            ByteArrayOutputStream frame = new ByteArrayOutputStream(FRAME_TARGET + 4096);
            DataOutputStream out = new DataOutputStream(frame);
            int count = 0;
            for (AllocationRecord record : records) {
                EntryCodec.encode(new JournalEntry.Allocated(record.consumer(), record.pool(), record.address(),
                        record.owner(), record.expiration()), out);
                count++;
                if (frame.size() >= FRAME_TARGET) {
                    position = LogFile.writeFully(channel, Frames.build(salt, List.of(frame.toByteArray()), count),
                            position);
                    frame.reset();
                    count = 0;
                }
            }
            if (count > 0) {
                LogFile.writeFully(channel, Frames.build(salt, List.of(frame.toByteArray()), count), position);
            }
            hook.at(JournalHook.Point.SNAPSHOT_WRITTEN);
            channel.force(true);
        }
        hook.at(JournalHook.Point.SNAPSHOT_FORCED);
        return temp;
    }

    /**
     * Reads a snapshot.
     *
     * @param changesHint about how many more records the journal may add, to size the map
     * @return the live records it holds
     * @throws JournalCorruptException on any damage
     */
    static LiveRecords read(Path file, ByteBuffer content, long generation, long changesHint) {
        FileHeader header = FileHeader.read(file, content, FileHeader.Kind.SNAPSHOT, generation);
        LiveRecords live = new LiveRecords(header.recordCount() + changesHint);
        EntryCodec codec = new EntryCodec();
        long[] count = {0};
        int offset = FileHeader.SIZE;
        while (offset < content.limit()) {
            String problem = Frames.problemAt(content, offset, header.salt());
            if (problem != null) {
                throw StateDamage.corrupt(file, offset, problem + " in a snapshot, which is always written whole");
            }
            int length = content.getInt(offset);
            ByteBuffer payload = content.slice(offset + Frames.HEADER, length);
            int at = offset;
            try {
                codec.decode(payload, checkedCount(payload), entry -> {
                    if (!(entry instanceof JournalEntry.Allocated allocated)) {
                        throw new IllegalArgumentException("a snapshot holds a " + entry.getClass().getSimpleName());
                    }
                    live.put(new AllocationRecord(allocated.consumer(), allocated.pool(), allocated.address(),
                            allocated.owner(), allocated.expiration()));
                    count[0]++;
                });
                if (payload.hasRemaining()) {
                    throw new IllegalArgumentException(payload.remaining() + " unread bytes after the entries");
                }
            } catch (IllegalArgumentException e) {
                throw StateDamage.corrupt(file, at, "a record has a valid checksum but cannot be read ("
                        + e.getMessage() + "); it may come from a newer multipool");
            }
            offset += Frames.HEADER + length;
        }
        if (count[0] != header.recordCount()) {
            throw StateDamage.corrupt(file, offset, "the snapshot holds " + count[0] + " records but its header says "
                    + header.recordCount() + " (the file is truncated)");
        }
        return live;
    }

    /** Reads and checks the entry count at the start of a frame payload. */
    static int checkedCount(ByteBuffer payload) {
        int count = payload.getInt();
        if (count < 1 || count > payload.remaining()) {
            throw new IllegalArgumentException("impossible entry count " + count);
        }
        return count;
    }
}
