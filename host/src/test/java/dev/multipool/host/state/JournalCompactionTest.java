package dev.multipool.host.state;

import static dev.multipool.host.state.JournalFixtures.allocated;
import static dev.multipool.host.state.JournalFixtures.files;
import static dev.multipool.host.state.JournalFixtures.record;
import static dev.multipool.host.state.JournalFixtures.released;
import static dev.multipool.host.state.JournalFixtures.reopen;
import static dev.multipool.host.state.JournalFixtures.stopped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.host.state.JournalHook.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class JournalCompactionTest {

    private static final List<String> GENERATION_1 = List.of("journal-0000000001.log", "snapshot-0000000001.snap");
    private static final List<String> GENERATION_2 = List.of("journal-0000000002.log", "snapshot-0000000002.snap");

    /** Stands for the process dying at a point: the writer stops and the files stay as they are. */
    private static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }

    @TempDir
    Path directory;

    private final List<AllocationRecord> acknowledged = new ArrayList<>();

    @Test
    @DisplayName("the journal compacts when it passes the size threshold; the state reads back unchanged")
    void compactsPastThreshold() {
        try (FileAllocationJournal journal = new FileAllocationJournal(directory, new JournalOptions(2048, 1 << 20))) {
            journal.open();
            writeHistory(journal, 120);
            JournalStatistics statistics = journal.statistics();
            assertThat(statistics.compactions()).isGreaterThan(2);
            assertThat(statistics.journalBytes()).isLessThan(2048 + 200);
            assertThat(statistics.liveRecords()).isEqualTo(acknowledged.size());
            assertThat(journal.liveRecords()).containsExactlyInAnyOrderElementsOf(acknowledged);
            long generation = statistics.generation();
            assertThat(files(directory)).containsExactly(String.format("journal-%010d.log", generation),
                    String.format("snapshot-%010d.snap", generation));
        }

        JournalContents contents = reopen(directory);
        assertThat(contents.records()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(contents.problems()).isEmpty();
    }

    @Test
    @DisplayName("a compacted journal keeps expiration timers and later changes after a restart")
    void compactionKeepsTimersAndLaterChanges() {
        try (FileAllocationJournal journal = JournalFixtures.opened(directory)) {
            journal.append(allocated("default", "10.0.0.1", "a", "uuid-a", 1_000L));
            journal.append(allocated("default", "10.0.0.2", "b", "uuid-b", 2_000L));
            journal.compact();
            journal.append(stopped("default", "10.0.0.2"));
            journal.append(released("default", "10.0.0.1"));
            assertThat(files(directory)).isEqualTo(GENERATION_2);
        }

        assertThat(reopen(directory).records()).containsExactly(record("default", "10.0.0.2", "b"));
    }

    @ParameterizedTest(name = "crash at {0}")
    @EnumSource(value = Point.class, names = {"SNAPSHOT_WRITTEN", "SNAPSHOT_FORCED", "LOG_CREATED",
        "SNAPSHOT_RENAMED", "OLD_LOG_DELETED", "OLD_SNAPSHOT_DELETED"})
    @DisplayName("a crash at any step of compaction recovers exactly the acknowledged state")
    void crashDuringCompaction(Point point) {
        AtomicBoolean armed = new AtomicBoolean();
        FileAllocationJournal journal = new FileAllocationJournal(directory, JournalOptions.DEFAULTS, at -> {
            if (armed.get() && at == point) {
                throw new SimulatedCrash();
            }
        });
        journal.open();
        writeHistory(journal, 40);
        armed.set(true);

        assertThatThrownBy(journal::compact).isInstanceOf(JournalException.class);
        assertThatThrownBy(() -> journal.append(allocated("default", "10.200.0.1", "late")))
                .as("nothing is acknowledged after the crash").isInstanceOf(JournalException.class);
        journal.close();
        assertThat(files(directory)).as("files the crash left").isEqualTo(leftBy(point));

        JournalContents contents = reopen(directory);

        assertThat(contents.records()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(contents.problems()).isEmpty();
        boolean newGeneration = point.compareTo(Point.SNAPSHOT_RENAMED) >= 0;
        assertThat(files(directory)).isEqualTo(newGeneration ? GENERATION_2 : GENERATION_1);
        assertAppendsContinue();
    }

    @Test
    @DisplayName("a power loss before the snapshot was forced (half-written temporary snapshot) recovers the old state")
    void tornTemporarySnapshot() throws IOException {
        AtomicBoolean armed = new AtomicBoolean();
        FileAllocationJournal journal = new FileAllocationJournal(directory, JournalOptions.DEFAULTS, at -> {
            if (armed.get() && at == Point.SNAPSHOT_WRITTEN) {
                throw new SimulatedCrash();
            }
        });
        journal.open();
        writeHistory(journal, 40);
        armed.set(true);
        assertThatThrownBy(journal::compact).isInstanceOf(JournalException.class);
        journal.close();
        Path temp = JournalFiles.temp(JournalFiles.snapshot(directory, 2));
        Files.write(temp, java.util.Arrays.copyOf(Files.readAllBytes(temp), (int) Files.size(temp) / 2));

        assertThat(reopen(directory).records()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(files(directory)).isEqualTo(GENERATION_1);
    }

    @Test
    @DisplayName("an I/O error during compaction undoes it; appends go on in the old journal and survive a restart")
    void failedCompactionKeepsAppending() {
        AtomicBoolean failing = new AtomicBoolean();
        try (FileAllocationJournal journal = new FileAllocationJournal(directory, JournalOptions.DEFAULTS, at -> {
            if (failing.get() && at == Point.LOG_CREATED) {
                throw new IOException("disk full");
            }
        })) {
            journal.open();
            writeHistory(journal, 20);
            failing.set(true);
            assertThatThrownBy(journal::compact).isInstanceOf(JournalException.class)
                    .hasMessageContaining("compaction");
            assertThat(files(directory)).isEqualTo(GENERATION_1);
            journal.append(allocated("default", "10.100.0.1", "after-failure"));
            acknowledged.add(record("default", "10.100.0.1", "after-failure"));
            failing.set(false);
            journal.compact();
            assertThat(files(directory)).isEqualTo(GENERATION_2);
        }

        assertThat(reopen(directory).records()).containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    @Test
    @DisplayName("a journal holding records whose snapshot was deleted refuses to start, even with an older snapshot")
    void journalWithoutItsSnapshotIsFatal() throws IOException {
        byte[] oldSnapshot;
        try (FileAllocationJournal journal = JournalFixtures.opened(directory)) {
            writeHistory(journal, 5);
            oldSnapshot = Files.readAllBytes(JournalFiles.snapshot(directory, 1));
            journal.compact();
            journal.append(allocated("default", "10.0.0.200", "after-compaction"));
        }
        Files.delete(JournalFiles.snapshot(directory, 2));

        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining(JournalFiles.log(directory, 2).toString())
                .hasMessageContaining("no snapshot of generation 2");

        Files.write(JournalFiles.snapshot(directory, 1), oldSnapshot);
        assertThatThrownBy(() -> reopen(directory)).isInstanceOf(JournalCorruptException.class)
                .hasMessageContaining("no snapshot of generation 2");
    }

    /** Allocations, releases and stopped timers; {@link #acknowledged} holds the live records. */
    private void writeHistory(FileAllocationJournal journal, int count) {
        for (int i = 0; i < count; i++) {
            String address = JournalFixtures.ip(i);
            journal.append(allocated("default", address, "owner-" + i, "uuid-" + i, 10_000L + i));
            if (i % 3 == 0) {
                journal.append(released("default", address));
            } else {
                journal.append(stopped("default", address));
                acknowledged.add(record("default", address, "owner-" + i));
            }
        }
    }

    private void assertAppendsContinue() {
        try (FileAllocationJournal journal = JournalFixtures.opened(directory)) {
            journal.append(allocated("blue", "10.50.0.1", "after-restart"));
        }
        acknowledged.add(record("blue", "10.50.0.1", "after-restart"));
        assertThat(reopen(directory).records()).containsExactlyInAnyOrderElementsOf(acknowledged);
    }

    private static List<String> leftBy(Point point) {
        return switch (point) {
            case SNAPSHOT_WRITTEN, SNAPSHOT_FORCED -> List.of("journal-0000000001.log", "snapshot-0000000001.snap",
                    "snapshot-0000000002.snap.tmp");
            case LOG_CREATED -> List.of("journal-0000000001.log", "journal-0000000002.log",
                    "snapshot-0000000001.snap", "snapshot-0000000002.snap.tmp");
            case SNAPSHOT_RENAMED -> List.of("journal-0000000001.log", "journal-0000000002.log",
                    "snapshot-0000000001.snap", "snapshot-0000000002.snap");
            case OLD_LOG_DELETED -> List.of("journal-0000000002.log", "snapshot-0000000001.snap",
                    "snapshot-0000000002.snap");
            default -> GENERATION_2;
        };
    }
}
