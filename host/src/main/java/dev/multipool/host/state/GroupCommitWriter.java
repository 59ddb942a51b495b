package dev.multipool.host.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's single writer thread. Appends wait in a queue in call order; the writer takes
 * every waiting append (up to a byte budget), writes them as one frame, forces the file once,
 * applies them to the live records and completes their futures. While one force runs, new appends
 * queue up and share the next one, so the flush rate never caps the append rate. Compaction runs
 * on the same thread between commits, so a snapshot always reflects exactly the durable entries.
 *
 * <p>After an I/O error the writer stops for good and fails every append: once a force has failed
 * the state of the file is unknown, and only a restart (which reads the file again) is safe.
 */
final class GroupCommitWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    private record Pending(byte[] encoded, List<JournalEntry> entries, CompletableFuture<Void> done) {
    }

    private final Path directory;
    private final JournalOptions options;
    private final JournalHook hook;
    private final LiveRecords live;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final List<CompletableFuture<Void>> compactionRequests = new ArrayList<>();
    private final Thread thread;
    private boolean closing;
    private JournalException failure;

    // owned by the writer thread; read by statistics()
    private volatile LogFile log;
    private volatile long appends;
    private volatile long entries;
    private volatile long commits;
    private volatile long compactions;
    private long compactAt;
    private List<Pending> inFlight = List.of();
    private List<CompletableFuture<Void>> compactionsInFlight = List.of();

    GroupCommitWriter(Path directory, JournalOptions options, JournalHook hook, LiveRecords live, LogFile log) {
        this.directory = directory;
        this.options = options;
        this.hook = hook;
        this.live = live;
        this.log = log;
        this.compactAt = options.compactAfterBytes();
        this.thread = new Thread(this::run, "multipool-journal-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues one append; the future completes when it is durable. */
    CompletableFuture<Void> submit(byte[] encoded, List<JournalEntry> batch) {
        return accept(done -> queue.add(new Pending(encoded, batch, done)));
    }

    /** Why nothing more is accepted: the first I/O failure, or the journal being closed. Holds the lock. */
    private Throwable refusal() {
        return failure != null ? failure : new JournalException("the allocation journal in " + directory + " is closed", null);
    }

    /** Asks for a compaction now; the future completes when it is done. */
    CompletableFuture<Void> requestCompaction() {
        return accept(compactionRequests::add);
    }

    /**
     * Hands a new future to {@code enqueue} and wakes the writer, or fails the future at once when
     * nothing more is accepted.
     */
    private CompletableFuture<Void> accept(Consumer<CompletableFuture<Void>> enqueue) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (failure != null || closing) {
                done.completeExceptionally(refusal());
            } else {
                enqueue.accept(done);
                work.signal();
            }
        } finally {
            lock.unlock();
        }
        return done;
    }

    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    int queuedAppends() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    JournalStatistics statistics() {
        LogFile current = log;
        return new JournalStatistics(appends, entries, commits, compactions, current.generation(), current.size(),
                live.size());
    }

    /** Lets queued appends finish, stops the thread and closes the file. */
    void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while closing the allocation journal in " + directory, e);
        }
    }

    private void run() {
        try {
            while (true) {
                lock.lock();
                try {
                    while (queue.isEmpty() && compactionRequests.isEmpty() && !closing) {
                        work.awaitUninterruptibly();
                    }
                    if (queue.isEmpty() && compactionRequests.isEmpty()) {
                        break;
                    }
                    inFlight = drain();
                    compactionsInFlight = new ArrayList<>(compactionRequests);
                    compactionRequests.clear();
                } finally {
                    lock.unlock();
                }
                if (!inFlight.isEmpty()) {
                    commit(inFlight);
                    inFlight = List.of();
                }
                if (!compactionsInFlight.isEmpty() || log.size() >= compactAt) {
                    boolean compacted = compact();
                    for (CompletableFuture<Void> done : compactionsInFlight) {
                        if (compacted) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(new JournalException("compaction of the allocation journal in "
                                    + directory + " failed and was undone; see the log", null));
                        }
                    }
                    compactionsInFlight = List.of();
                }
            }
            log.close();
        } catch (Throwable t) {
            fail(t);
        }
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty()) {
            Pending next = queue.peek();
            long after = bytes + next.encoded().length;
            if (!batch.isEmpty() && (after > options.maxBatchBytes() || after > Frames.MAX_PAYLOAD - 4)) {
                break;
            }
            batch.add(queue.poll());
            bytes = after;
        }
        return batch;
    }

    private void commit(List<Pending> batch) throws IOException {
        hook.at(JournalHook.Point.BEFORE_COMMIT);
        List<byte[]> parts = new ArrayList<>(batch.size());
        List<List<JournalEntry>> changes = new ArrayList<>(batch.size());
        int count = 0;
        for (Pending pending : batch) {
            parts.add(pending.encoded());
            changes.add(pending.entries());
            count += pending.entries().size();
        }
        log.write(Frames.build(log.salt(), parts, count));
        hook.at(JournalHook.Point.WRITTEN);
        log.force();
        live.applyAll(changes);
        appends += batch.size();
        entries += count;
        commits++;
        for (Pending pending : batch) {
            pending.done().complete(null);
        }
    }

    private boolean compact() throws IOException {
        LogFile old = log;
        LogFile next;
        try {
            next = Compaction.startGeneration(directory, old.generation() + 1, live.copy(), hook);
        } catch (Compaction.UncertainRename e) {
            throw e;
        } catch (IOException e) {
            compactAt = old.size() + options.compactAfterBytes();
            LOG.warn("Compaction of the allocation journal in {} failed; appending to {} and retrying at {} bytes",
                    directory, old.path(), compactAt, e);
            return false;
        }
        log = next;
        compactAt = options.compactAfterBytes();
        old.close();
        Compaction.removeGeneration(directory, old.generation(), hook);
        compactions++;
        LOG.info("Compacted the allocation journal in {}: generation {} holds {} live records", directory,
                next.generation(), live.size());
        return true;
    }

    private void fail(Throwable cause) {
        JournalException error = new JournalException("the allocation journal in " + directory
                + " stopped after a failure; nothing more is acknowledged until the host restarts: " + cause, cause);
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        lock.lock();
        try {
            failure = error;
            inFlight.forEach(pending -> waiting.add(pending.done()));
            waiting.addAll(compactionsInFlight);
            queue.forEach(pending -> waiting.add(pending.done()));
            queue.clear();
            waiting.addAll(compactionRequests);
            compactionRequests.clear();
        } finally {
            lock.unlock();
        }
        LOG.error("{}", error.getMessage(), cause);
        try {
            log.close();
        } catch (IOException | RuntimeException e) {
            error.addSuppressed(e);
        }
        waiting.forEach(done -> done.completeExceptionally(error));
    }
}
