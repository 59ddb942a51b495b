package dev.multipool.host.state;

import static dev.multipool.host.state.JournalFixtures.allocated;
import static dev.multipool.host.state.JournalFixtures.opened;
import static dev.multipool.host.state.JournalFixtures.record;
import static dev.multipool.host.state.JournalFixtures.released;
import static dev.multipool.host.state.JournalFixtures.reopen;
import static dev.multipool.host.state.JournalFixtures.stopped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FileAllocationJournalTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("an empty directory opens with no records and no problems")
    void emptyDirectoryOpensEmpty() {
        JournalContents contents = reopen(directory.resolve("allocations"));

        assertThat(contents.records()).isEmpty();
        assertThat(contents.problems()).isEmpty();
        assertThat(JournalFixtures.files(directory.resolve("allocations")))
                .containsExactly("journal-0000000001.log", "snapshot-0000000001.snap");
    }

    @Test
    @DisplayName("round trip: allocations, releases and stopped timers read back the same after a restart")
    void roundTrip() {
        try (FileAllocationJournal journal = opened(directory)) {
            journal.append(allocated("default", "10.0.0.1", "pod-a"));
            journal.append(List.of(allocated("default", "10.0.0.2", "pod-b"),
                    allocated("blue", "fd00::1", "pod-b")));
            journal.append(allocated("default", "10.0.0.3", "pod-c", "4f1c-uuid", 1_700_000_000_123L));
            journal.append(released("default", "10.0.0.1"));
            journal.append(stopped("default", "10.0.0.3"));

            assertThat(journal.liveRecords()).containsExactlyInAnyOrder(record("default", "10.0.0.2", "pod-b"),
                    record("blue", "fd00::1", "pod-b"), record("default", "10.0.0.3", "pod-c"));
        }

        assertThat(reopen(directory).records()).containsExactlyInAnyOrder(record("default", "10.0.0.2", "pod-b"),
                record("blue", "fd00::1", "pod-b"), record("default", "10.0.0.3", "pod-c"));
    }

    @Test
    @DisplayName("durability: what append acknowledged is read back after close without compaction")
    void acknowledgedEntriesSurviveCloseWithoutCompaction() {
        try (FileAllocationJournal journal = opened(directory)) {
            for (int i = 0; i < 50; i++) {
                journal.append(allocated("default", JournalFixtures.ip(i), "owner-" + i));
            }
            assertThat(journal.statistics().compactions()).isZero();
        }

        JournalContents contents = reopen(directory);

        assertThat(contents.records()).hasSize(50).contains(record("default", "10.0.0.49", "owner-49"));
        assertThat(contents.problems()).isEmpty();
    }

    @Test
    @DisplayName("expiration timers round trip: uuid and deadline (millisecond precision) survive a restart")
    void expirationFieldsRoundTrip() {
        Instant deadline = Instant.parse("2026-11-26T10:15:30.123456789Z");
        JournalEntry.Allocated entry = new JournalEntry.Allocated("dra", PoolName.of("gpu-pool"),
                IpAddress.parse("2001:db8::42"), "claim-7",
                Optional.of(new ExpirationTimer("0d3c8a4e-9a1b-4c55-8e8b-1f2a3b4c5d6e", deadline)));
        AllocationRecord expected = new AllocationRecord("dra", PoolName.of("gpu-pool"),
                IpAddress.parse("2001:db8::42"), "claim-7", Optional.of(new ExpirationTimer(
                        "0d3c8a4e-9a1b-4c55-8e8b-1f2a3b4c5d6e", Instant.parse("2026-11-26T10:15:30.123Z"))));
        try (FileAllocationJournal journal = opened(directory)) {
            journal.append(entry);
            assertThat(journal.liveRecords()).containsExactly(expected);
        }

        assertThat(reopen(directory).records()).containsExactly(expected);
    }

    @Test
    @DisplayName("a stopped expiration timer stays stopped after a restart; the address stays allocated")
    void stoppedTimerSurvivesRestart() {
        try (FileAllocationJournal journal = opened(directory)) {
            journal.append(allocated("default", "10.0.0.9", "pod-x", "uuid-1", 5_000L));
            journal.append(stopped("default", "10.0.0.9"));
        }

        assertThat(reopen(directory).records()).containsExactly(record("default", "10.0.0.9", "pod-x"));
    }

    @Test
    @DisplayName("an owner of exactly 512 bytes of UTF-8 round trips; 513 bytes is refused and nothing is written")
    void owner512Bytes() {
        String owner = "ä".repeat(255) + "xx";
        assertThat(owner.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(512);
        try (FileAllocationJournal journal = opened(directory)) {
            journal.append(allocated("default", "10.0.0.1", owner));
            assertThatThrownBy(() -> journal.append(allocated("default", "10.0.0.2", owner + "y")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner is 513 bytes");
        }

        assertThat(reopen(directory).records()).containsExactly(record("default", "10.0.0.1", owner));
    }

    @Test
    @DisplayName("an owner with an unpaired surrogate is refused (it would not read back the same); a pair is fine")
    void ownerMustBeValidUnicode() {
        try (FileAllocationJournal journal = opened(directory)) {
            assertThatThrownBy(() -> journal.append(allocated("default", "10.0.0.1", "pod\uD800")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid Unicode");
            assertThat(journal.statistics().appends()).isZero();
            journal.append(allocated("default", "10.0.0.2", "pod-\uD83D\uDE00"));
        }

        assertThat(reopen(directory).records()).containsExactly(record("default", "10.0.0.2", "pod-\uD83D\uDE00"));
    }

    @Test
    @DisplayName("releasing or stopping the timer of an unknown record is harmless, before and after a restart")
    void releaseOfUnknownRecordIsHarmless() {
        try (FileAllocationJournal journal = opened(directory)) {
            journal.append(allocated("default", "10.0.0.1", "pod-a"));
            journal.append(released("default", "10.0.0.77"));
            journal.append(stopped("other", "10.0.0.1"));
            journal.append(new JournalEntry.Released("dra", PoolName.of("default"), IpAddress.parse("10.0.0.1")));
            assertThat(journal.liveRecords()).containsExactly(record("default", "10.0.0.1", "pod-a"));
        }

        JournalContents contents = reopen(directory);
        assertThat(contents.records()).containsExactly(record("default", "10.0.0.1", "pod-a"));
        assertThat(contents.problems()).isEmpty();
    }

    @Test
    @DisplayName("records are keyed by consumer, pool and address: the same address in two pools or consumers")
    void recordsAreKeyedByConsumerPoolAndAddress() {
        AllocationRecord dra = new AllocationRecord("dra", PoolName.of("default"), IpAddress.parse("10.0.0.1"),
                "claim", Optional.empty());
        try (FileAllocationJournal journal = opened(directory)) {
            journal.append(allocated("default", "10.0.0.1", "pod-a"));
            journal.append(allocated("blue", "10.0.0.1", "pod-b"));
            journal.append(new JournalEntry.Allocated("dra", PoolName.of("default"), IpAddress.parse("10.0.0.1"),
                    "claim", Optional.empty()));
            journal.append(released("blue", "10.0.0.1"));
        }

        assertThat(reopen(directory).records())
                .containsExactlyInAnyOrder(record("default", "10.0.0.1", "pod-a"), dra);
    }

    @Test
    @DisplayName("the entries of one append are applied in order: release then re-allocation to a new owner")
    void entriesOfOneAppendApplyInOrder() {
        try (FileAllocationJournal journal = opened(directory)) {
            journal.append(allocated("default", "10.0.0.1", "old"));
            journal.append(List.of(released("default", "10.0.0.1"), allocated("default", "10.0.0.1", "new")));
        }

        assertThat(reopen(directory).records()).containsExactly(record("default", "10.0.0.1", "new"));
    }

    @Test
    @DisplayName("appendAsync keeps call order across calls: the last change to an address wins after restart")
    void appendAsyncKeepsCallOrder() {
        try (FileAllocationJournal journal = opened(directory)) {
            List<java.util.concurrent.CompletableFuture<Void>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(journal.appendAsync(List.of(allocated("default", "10.0.0.1", "owner-" + i))));
                futures.add(journal.appendAsync(List.of(released("default", "10.0.0.1"))));
            }
            futures.add(journal.appendAsync(List.of(allocated("default", "10.0.0.1", "last"))));
            futures.forEach(java.util.concurrent.CompletableFuture::join);
            assertThat(journal.liveRecords()).containsExactly(record("default", "10.0.0.1", "last"));
        }

        assertThat(reopen(directory).records()).containsExactly(record("default", "10.0.0.1", "last"));
    }

    @Test
    @DisplayName("appends before open and after close fail; open twice fails; an empty append is a no-op")
    void lifecycle() {
        FileAllocationJournal journal = new FileAllocationJournal(directory);
        assertThatThrownBy(() -> journal.append(allocated("default", "10.0.0.1", "a")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not open");
        journal.open();
        assertThatThrownBy(journal::open).isInstanceOf(IllegalStateException.class);
        journal.append(List.of());
        assertThat(journal.statistics().commits()).isZero();
        journal.close();

        assertThatThrownBy(() -> journal.append(allocated("default", "10.0.0.1", "a")))
                .isInstanceOf(JournalException.class).hasMessageContaining("closed");
        assertThat(reopen(directory).records()).isEmpty();
    }

    @Test
    @DisplayName("options are checked: thresholds a restart could not read back and empty batches are refused")
    void optionsAreChecked() {
        assertThatThrownBy(() -> new JournalOptions(JournalOptions.MAX_COMPACT_AFTER_BYTES + 1, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compactAfterBytes");
        assertThatThrownBy(() -> new JournalOptions(10, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalOptions(1 << 20, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBatchBytes");
    }

    @Test
    @DisplayName("a file the journal does not know in the directory is left alone")
    void unknownFilesAreIgnored() throws Exception {
        Files.writeString(directory.resolve("README"), "operator notes");
        try (FileAllocationJournal journal = opened(directory)) {
            journal.append(allocated("default", "10.0.0.1", "a"));
        }

        assertThat(reopen(directory).records()).containsExactly(record("default", "10.0.0.1", "a"));
        assertThat(directory.resolve("README")).hasContent("operator notes");
    }
}
