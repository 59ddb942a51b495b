package dev.multipool.host.state;

import static dev.multipool.host.state.JournalFixtures.allocated;
import static dev.multipool.host.state.JournalFixtures.opened;
import static dev.multipool.host.state.JournalFixtures.record;
import static dev.multipool.host.state.JournalFixtures.reopen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Torn writes are dropped; damage that could hide acknowledged records stops the host. */
@Timeout(60)
class JournalDamageTest {

    private static final int RECORDS = 5;

    @TempDir
    Path root;

    private Path directory;
    private Path log;
    private List<AllocationRecord> expected;
    /** Offsets of the frames in the journal, plus its end. */
    private final List<Long> frameStarts = new ArrayList<>();

    @BeforeEach
    void writeFiveRecords() throws IOException {
        directory = root.resolve("allocations");
        log = JournalFiles.log(directory, 1);
        expected = new ArrayList<>();
        try (FileAllocationJournal journal = opened(directory)) {
            for (int i = 0; i < RECORDS; i++) {
                frameStarts.add(Files.size(log));
                journal.append(allocated("default", JournalFixtures.ip(i), "owner-" + i));
                expected.add(record("default", JournalFixtures.ip(i), "owner-" + i));
            }
        }
        frameStarts.add(Files.size(log));
    }

    @Test
    @DisplayName("a torn last record, cut at every byte offset, is dropped and reported; the others are kept")
    void tornLastRecordAtEveryOffset() throws IOException {
        byte[] original = Files.readAllBytes(log);
        long lastStart = frameStarts.get(RECORDS - 1);
        for (long cut = lastStart + 1; cut < original.length; cut++) {
            Files.write(log, Arrays.copyOf(original, (int) cut));

            JournalContents contents = reopen(directory);

            assertThat(contents.records()).as("cut at %d", cut).containsExactlyInAnyOrderElementsOf(
                    expected.subList(0, RECORDS - 1));
            assertThat(contents.problems()).as("cut at %d", cut).singleElement().asString()
                    .contains(log.toString(), "offset " + lastStart, "incomplete last record");
            assertThat(Files.size(log)).as("tail truncated before appending").isEqualTo(lastStart);
        }
    }

    @Test
    @DisplayName("after dropping a torn tail, new appends land where it was and read back after the next restart")
    void appendsAfterTornTailAreKept() throws IOException {
        long lastStart = frameStarts.get(RECORDS - 1);
        truncate(log, lastStart + 3);
        try (FileAllocationJournal journal = new FileAllocationJournal(directory)) {
            assertThat(journal.open().problems()).hasSize(1);
            journal.append(allocated("default", "10.9.9.9", "after"));
        }

        JournalContents contents = reopen(directory);

        assertThat(contents.problems()).isEmpty();
        assertThat(contents.records()).containsAll(expected.subList(0, RECORDS - 1))
                .contains(record("default", "10.9.9.9", "after")).hasSize(RECORDS);
    }

    @Test
    @DisplayName("a bad checksum in the last record is a torn write: dropped and reported")
    void badChecksumInLastRecordIsDropped() throws IOException {
        flipByte(log, frameStarts.get(RECORDS - 1) + 12);

        JournalContents contents = reopen(directory);

        assertThat(contents.records()).containsExactlyInAnyOrderElementsOf(expected.subList(0, RECORDS - 1));
        assertThat(contents.problems()).singleElement().asString().contains("bad checksum");
    }

    @Test
    @DisplayName("zeros after the last record (file grown, data not written at a power loss) are dropped")
    void zeroFilledTailIsDropped() throws IOException {
        Files.write(log, new byte[4096], java.nio.file.StandardOpenOption.APPEND);

        JournalContents contents = reopen(directory);

        assertThat(contents.records()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(contents.problems()).singleElement().asString().contains("offset " + frameStarts.get(RECORDS));
        assertThat(Files.size(log)).isEqualTo(frameStarts.get(RECORDS));
    }

    @Test
    @DisplayName("a record copied from another journal file after a torn tail does not pass as intact (salted checksum)")
    void recordFromAnotherFileDoesNotCountAsIntact() throws IOException {
        Path other = root.resolve("other");
        try (FileAllocationJournal journal = opened(other)) {
            journal.append(allocated("default", "10.1.1.1", "intruder"));
        }
        byte[] otherLog = Files.readAllBytes(JournalFiles.log(other, 1));
        byte[] foreignFrame = Arrays.copyOfRange(otherLog, FileHeader.SIZE, otherLog.length);
        truncate(log, frameStarts.get(RECORDS - 1) + 5);
        Files.write(log, foreignFrame, java.nio.file.StandardOpenOption.APPEND);

        JournalContents contents = reopen(directory);

        assertThat(contents.records()).containsExactlyInAnyOrderElementsOf(expected.subList(0, RECORDS - 1));
        assertThat(contents.problems()).hasSize(1);
    }

    @Test
    @DisplayName("a bad checksum in a middle record (intact records follow) refuses to start, naming file and offset")
    void badChecksumInMiddleRecordIsFatal() throws IOException {
        long middle = frameStarts.get(2);
        flipByte(log, middle + 12);
        byte[] before = Files.readAllBytes(log);

        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(log.toString()).hasMessageContaining("offset " + middle)
                .hasMessageContaining("bad checksum").hasMessageContaining("intact record follows")
                .hasMessageContaining("second owner").hasMessageContaining("refuses to start");
        assertThat(Files.readAllBytes(log)).as("nothing is truncated or rewritten").isEqualTo(before);
    }

    @Test
    @DisplayName("a damaged length field in a middle record refuses to start")
    void damagedLengthInMiddleRecordIsFatal() throws IOException {
        long middle = frameStarts.get(1);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(log));
        bytes.putInt((int) middle, 1 << 20);
        Files.write(log, bytes.array());

        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("offset " + middle).hasMessageContaining("intact record follows");
    }

    @Test
    @DisplayName("a journal header from a newer format version refuses to start")
    void newerVersionJournalIsFatal() throws IOException {
        setVersion(log, FileHeader.FORMAT_VERSION + 1);

        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(log.toString()).hasMessageContaining("newer multipool")
                .hasMessageContaining("version " + (FileHeader.FORMAT_VERSION + 1))
                .hasMessageContaining("double allocation");
    }

    @Test
    @DisplayName("a snapshot from a newer format version refuses to start")
    void newerVersionSnapshotIsFatal() throws IOException {
        Path snapshot = JournalFiles.snapshot(directory, 1);
        setVersion(snapshot, FileHeader.FORMAT_VERSION + 1);

        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(snapshot.toString()).hasMessageContaining("newer multipool");
    }

    @Test
    @DisplayName("a damaged journal header (bad magic or checksum) refuses to start")
    void damagedHeaderIsFatal() throws IOException {
        flipByte(log, 20);
        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("header has a bad checksum");
        flipByte(log, 20);
        flipByte(log, 0);
        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("does not start with a multipool journal header");
    }

    @Test
    @DisplayName("a damaged snapshot (bad checksum or truncated) refuses to start")
    void damagedSnapshotIsFatal() throws IOException {
        try (FileAllocationJournal journal = opened(directory)) {
            journal.compact();
        }
        Path snapshot = JournalFiles.snapshot(directory, 2);
        byte[] original = Files.readAllBytes(snapshot);
        assertThat(reopen(directory).records()).containsExactlyInAnyOrderElementsOf(expected);

        flipByte(snapshot, original.length - 3);
        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(snapshot.toString()).hasMessageContaining("bad checksum in a snapshot");

        Files.write(snapshot, Arrays.copyOf(original, original.length - 10));
        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(snapshot.toString());

        Files.write(snapshot, Arrays.copyOf(original, FileHeader.SIZE));
        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("holds 0 records but its header says " + RECORDS);
    }

    @Test
    @DisplayName("a missing journal or a missing snapshot refuses to start instead of starting with less")
    void missingFilesAreFatal() throws IOException {
        Path snapshot = JournalFiles.snapshot(directory, 1);
        byte[] snapshotBytes = Files.readAllBytes(snapshot);
        Files.delete(snapshot);
        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(log.toString()).hasMessageContaining("no snapshot of generation 1");

        Files.write(snapshot, snapshotBytes);
        Files.delete(log);
        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("journal of the newest snapshot (generation 1) is missing");
    }

    @Test
    @DisplayName("a journal renamed to another generation is detected by its header")
    void renamedFileIsFatal() throws IOException {
        Files.move(JournalFiles.snapshot(directory, 1), JournalFiles.snapshot(directory, 3));
        Files.move(log, JournalFiles.log(directory, 3));

        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("says generation 1 but the file name says 3");
    }

    private static void flipByte(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) offset] ^= 0x5A;
        Files.write(file, bytes);
    }

    private static void truncate(Path file, long size) throws IOException {
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) size));
    }

    private static void setVersion(Path file, int version) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        bytes.putInt(4, version);
        Files.write(file, bytes.array());
    }
}
