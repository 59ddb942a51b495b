package dev.multipool.host.state;

import static dev.multipool.host.state.JournalFixtures.allocated;
import static dev.multipool.host.state.JournalFixtures.record;
import static dev.multipool.host.state.JournalFixtures.released;
import static dev.multipool.host.state.JournalFixtures.reopen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.state.JournalHook.Point;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class JournalGroupCommitTest {

    private static final int APPENDERS = 32;

    @TempDir
    Path directory;

    private final ExecutorService appenders = Executors.newFixedThreadPool(APPENDERS);

    @AfterEach
    void stopAppenders() {
        appenders.shutdownNow();
    }

    @Test
    @DisplayName("group commit: 31 appenders waiting behind one write share a single force")
    void waitingAppendersShareOneForce() throws Exception {
        CountDownLatch firstCommitHeld = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        AtomicInteger commits = new AtomicInteger();
        try (FileAllocationJournal journal = new FileAllocationJournal(directory, JournalOptions.DEFAULTS,
                pauseFirst(Point.BEFORE_COMMIT, commits, firstCommitHeld, releaseFirstCommit))) {
            journal.open();
            List<Future<?>> calls = new ArrayList<>();
            calls.add(appenders.submit(() -> journal.append(allocated("default", JournalFixtures.ip(0), "o-0"))));
            firstCommitHeld.await();
            for (int i = 1; i < APPENDERS; i++) {
                int index = i;
                calls.add(appenders.submit(() -> journal.append(
                        allocated("default", JournalFixtures.ip(index), "o-" + index))));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> journal.queuedAppends() == APPENDERS - 1);
            releaseFirstCommit.countDown();
            for (Future<?> call : calls) {
                call.get();
            }

            JournalStatistics statistics = journal.statistics();
            assertThat(statistics.appends()).isEqualTo(APPENDERS);
            assertThat(statistics.entries()).isEqualTo(APPENDERS);
            assertThat(statistics.commits()).as("one force for the first append, one for the 31 others")
                    .isEqualTo(2);
            assertThat(commits).hasValue(2);
        }

        assertThat(reopen(directory).records()).hasSize(APPENDERS);
    }

    @Test
    @DisplayName("group commit respects the batch byte budget: with a tiny budget every append is forced alone")
    void batchBudgetSplitsCommits() throws Exception {
        CountDownLatch firstCommitHeld = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        try (FileAllocationJournal journal = new FileAllocationJournal(directory, new JournalOptions(64L << 20, 1),
                pauseFirst(Point.BEFORE_COMMIT, new AtomicInteger(), firstCommitHeld, releaseFirstCommit))) {
            journal.open();
            CompletableFuture<Void> first = journal.appendAsync(List.of(allocated("default", "10.0.0.0", "o")));
            firstCommitHeld.await();
            List<CompletableFuture<Void>> rest = new ArrayList<>();
            for (int i = 1; i < 8; i++) {
                rest.add(journal.appendAsync(List.of(allocated("default", JournalFixtures.ip(i), "o-" + i))));
            }
            releaseFirstCommit.countDown();
            first.join();
            rest.forEach(CompletableFuture::join);

            assertThat(journal.statistics().commits()).isEqualTo(8);
        }
    }

    @Test
    @DisplayName("concurrent appenders: every acknowledged change is read back after a restart, with fewer forces")
    void concurrentAppendersLoseNothing() throws Exception {
        List<AllocationRecord> expected = new ArrayList<>();
        int perThread = 40;
        try (FileAllocationJournal journal = JournalFixtures.opened(directory)) {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < APPENDERS; t++) {
                int thread = t;
                calls.add(appenders.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String address = JournalFixtures.ip(thread * 1000 + i);
                        journal.append(allocated("default", address, "t" + thread + "-" + i));
                        if (i % 4 == 0) {
                            journal.append(released("default", address));
                        }
                    }
                }));
                for (int i = 0; i < perThread; i++) {
                    if (i % 4 != 0) {
                        expected.add(record("default", JournalFixtures.ip(t * 1000 + i), "t" + t + "-" + i));
                    }
                }
            }
            for (Future<?> call : calls) {
                call.get();
            }
            JournalStatistics statistics = journal.statistics();
            assertThat(statistics.appends()).isEqualTo(APPENDERS * (perThread + perThread / 4));
            assertThat(statistics.commits()).isLessThan(statistics.appends());
            assertThat(journal.liveRecords()).containsExactlyInAnyOrderElementsOf(expected);
        }

        assertThat(reopen(directory).records()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @DisplayName("after an I/O error nothing more is acknowledged; what was acknowledged before survives")
    void ioErrorStopsTheJournal() {
        AtomicInteger commits = new AtomicInteger();
        try (FileAllocationJournal journal = new FileAllocationJournal(directory, JournalOptions.DEFAULTS, point -> {
            if (point == Point.BEFORE_COMMIT && commits.incrementAndGet() == 3) {
                throw new IOException("input/output error");
            }
        })) {
            journal.open();
            journal.append(allocated("default", "10.0.0.1", "a"));
            journal.append(allocated("default", "10.0.0.2", "b"));

            assertThatThrownBy(() -> journal.append(allocated("default", "10.0.0.3", "c")))
                    .isInstanceOf(JournalException.class).hasMessageContaining("input/output error")
                    .hasMessageContaining(directory.toString());
            assertThatThrownBy(() -> journal.append(allocated("default", "10.0.0.4", "d")))
                    .isInstanceOf(JournalException.class).hasMessageContaining("stopped after a failure");
        }

        assertThat(reopen(directory).records()).containsExactlyInAnyOrder(record("default", "10.0.0.1", "a"),
                record("default", "10.0.0.2", "b"));
    }

    @Test
    @DisplayName("an append is answered only after its batch is forced, never when it is merely written")
    void noAnswerBetweenWriteAndForce() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (FileAllocationJournal journal = new FileAllocationJournal(directory, JournalOptions.DEFAULTS,
                pauseFirst(Point.WRITTEN, new AtomicInteger(), written, release))) {
            journal.open();
            CompletableFuture<Void> append = journal.appendAsync(List.of(allocated("default", "10.0.0.1", "a")));
            written.await();

            assertThat(append).isNotDone();
            release.countDown();
            append.get();
            assertThat(journal.statistics().commits()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a batch written but not forced is refused to its callers and stops the journal")
    void failureBetweenWriteAndForceRefusesTheBatch() {
        try (FileAllocationJournal journal = new FileAllocationJournal(directory, JournalOptions.DEFAULTS, point -> {
            if (point == Point.WRITTEN) {
                throw new IOException("fsync: input/output error");
            }
        })) {
            journal.open();

            assertThatThrownBy(() -> journal.append(allocated("default", "10.0.0.1", "a")))
                    .isInstanceOf(JournalException.class).hasMessageContaining("fsync: input/output error");
            assertThatThrownBy(() -> journal.append(allocated("default", "10.0.0.2", "b")))
                    .isInstanceOf(JournalException.class).hasMessageContaining("stopped after a failure");
            assertThat(journal.liveRecords()).isEmpty();
        }
    }

    @Test
    @DisplayName("waiting for an append inside a future's action on the writer thread fails instead of hanging")
    void appendOnWriterThreadIsRefused() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (FileAllocationJournal journal = new FileAllocationJournal(directory, JournalOptions.DEFAULTS,
                pauseFirst(Point.BEFORE_COMMIT, new AtomicInteger(), held, release))) {
            journal.open();
            CompletableFuture<Void> first = journal.appendAsync(List.of(allocated("default", "10.0.0.1", "a")));
            held.await();
            CompletableFuture<Void> nested = first.thenRun(() -> journal.append(allocated("default", "10.0.0.2", "b")));
            CompletableFuture<Void> chained = first.thenComposeAsync(ignored ->
                    journal.appendAsync(List.of(allocated("default", "10.0.0.3", "c"))));
            release.countDown();

            assertThatThrownBy(nested::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
            chained.join();
            assertThat(journal.liveRecords()).hasSize(2);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * Holds the journal the first time it reaches {@code at} until released, for example so that
     * later appends pile up behind the first commit; {@code reached} counts every time it gets there.
     */
    private static JournalHook pauseFirst(Point at, AtomicInteger reached, CountDownLatch held,
                                          CountDownLatch release) {
        return point -> {
            if (point == at && reached.incrementAndGet() == 1) {
                held.countDown();
                awaitQuietly(release);
            }
        };
    }
}
