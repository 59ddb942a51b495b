package dev.multipool.host.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the state directory at open and finishes or undoes an interrupted compaction.
 *
 * <p>Rules: the newest snapshot {@code S} names the current generation and its journal must
 * exist. A journal {@code S+1} that holds no record is what a crash between creating it and
 * renaming snapshot {@code S+1} leaves, and is removed with the temporary snapshot. Files of older
 * generations are what a crash before their deletion leaves, and are removed. Anything else (a
 * missing journal, a journal without its snapshot, a newer journal with records) means files were
 * lost or mixed, and opening fails.
 */
final class JournalRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    /** A rough lower bound of an entry's size in a journal, to size the live map before replay. */
    private static final int MIN_ENTRY_BYTES = 48;

    /** The map never shrinks: a long journal of churn must not size it for a million records. */
    private static final long MAX_SIZING_HINT = 1 << 18;

    /**
     * What recovery produced.
     *
     * @param live the live records
     * @param problems what was dropped safely
     * @param log the current journal, open for appending
     */
    record Recovered(LiveRecords live, List<String> problems, LogFile log) {
    }

    private JournalRecovery() {
    }

    static Recovered recover(Path directory, JournalHook hook) throws IOException {
        Files.createDirectories(directory);
        TreeSet<Long> snapshots = new TreeSet<>();
        TreeSet<Long> logs = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                OptionalLong snapshot = JournalFiles.snapshotGeneration(name);
                OptionalLong log = JournalFiles.logGeneration(name);
                if (name.endsWith(JournalFiles.TEMP_SUFFIX)) {
                    LOG.info("Removing {}, left unfinished by an interrupted write", file);
                    Files.delete(file);
                } else if (snapshot.isPresent()) {
                    snapshots.add(snapshot.getAsLong());
                } else if (log.isPresent()) {
                    logs.add(log.getAsLong());
                }
            }
        }
        long current = snapshots.isEmpty() ? 0 : snapshots.last();
        for (long newer : logs.tailSet(current, false)) {
            Path file = JournalFiles.log(directory, newer);
            if (newer != current + 1 || Files.size(file) > FileHeader.SIZE) {
                throw StateDamage.corrupt(file, 0, "there is no snapshot of generation " + newer
                        + " for this journal (the newest snapshot is generation " + current
                        + "): a snapshot file was removed or files from different hosts were mixed");
            }
            LOG.info("Removing {}, created by a compaction that did not finish", file);
            JournalFiles.delete(file);
        }
        if (current == 0) {
            LOG.info("No allocation state in {}: starting empty", directory);
            return new Recovered(new LiveRecords(), List.of(), Compaction.startGeneration(directory, 1,
                    List.of(), hook));
        }
        Path logPath = JournalFiles.log(directory, current);
        if (!logs.contains(current)) {
            throw StateDamage.corrupt(logPath, 0, "the journal of the newest snapshot (generation " + current
                    + ") is missing: it was removed");
        }
        Path snapshotPath = JournalFiles.snapshot(directory, current);
        LiveRecords live;
        try (FileChannel channel = FileChannel.open(snapshotPath, StandardOpenOption.READ)) {
            live = SnapshotFile.read(snapshotPath, map(channel, snapshotPath), current,
                    Math.min(Files.size(logPath) / MIN_ENTRY_BYTES, MAX_SIZING_HINT));
        }
        List<String> problems = new ArrayList<>();
        FileHeader header;
        int end;
        try (FileChannel channel = FileChannel.open(logPath, StandardOpenOption.READ)) {
            ByteBuffer content = map(channel, logPath);
            header = FileHeader.read(logPath, content, FileHeader.Kind.JOURNAL, current);
            end = replayFrames(logPath, content, header.salt(), live, problems);
        }
        for (long older : logs.headSet(current)) {
            LOG.info("Removing journal generation {}, already covered by snapshot {}", older, current);
            JournalFiles.delete(JournalFiles.log(directory, older));
        }
        for (long older : snapshots.headSet(current)) {
            JournalFiles.delete(JournalFiles.snapshot(directory, older));
        }
        return new Recovered(live, problems, LogFile.openForAppend(logPath, header, end));
    }

    /** Applies every intact record; returns where appending continues. */
    private static int replayFrames(Path file, ByteBuffer content, long salt, LiveRecords live, List<String> problems) {
        EntryCodec codec = new EntryCodec();
        int offset = FileHeader.SIZE;
        while (offset < content.limit()) {
            String problem = Frames.problemAt(content, offset, salt);
            if (problem != null) {
                int intact = Frames.findIntactAfter(content, offset, salt);
                if (intact >= 0) {
                    throw StateDamage.corrupt(file, offset, problem + ", yet an intact record follows at offset "
                            + intact + ": the file is damaged in the middle, which a crash cannot cause");
                }
                String torn = StateDamage.tornTail(file, offset, content.limit() - offset, problem);
                LOG.warn("{}", torn);
                problems.add(torn);
                return offset;
            }
            int length = content.getInt(offset);
            ByteBuffer payload = content.slice(offset + Frames.HEADER, length);
            try {
                codec.decode(payload, SnapshotFile.checkedCount(payload), live::apply);
                if (payload.hasRemaining()) {
                    throw new IllegalArgumentException(payload.remaining() + " unread bytes after the entries");
                }
            } catch (IllegalArgumentException e) {
                throw StateDamage.corrupt(file, offset, "a record has a valid checksum but cannot be read ("
                        + e.getMessage() + "); it may come from a newer multipool");
            }
            offset += Frames.HEADER + length;
        }
        return offset;
    }

    private static MappedByteBuffer map(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE) {
            throw new JournalException("allocation state " + file + " is " + size + " bytes, larger than 2 GiB", null);
        }
        return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    }
}
