package dev.multipool.bench.rest;

import dev.multipool.host.state.AllocationJournal;
import dev.multipool.host.state.AllocationRecord;
import dev.multipool.host.state.JournalContents;
import dev.multipool.host.state.JournalEntry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "State off" for the REST benchmark: a journal that keeps nothing and acknowledges every append
 * at once, so the difference to the file journal is the cost of durability. Never use it in a host
 * that must survive a restart.
 */
final class MemoryJournal implements AllocationJournal {

    private final AtomicLong appends = new AtomicLong();

    @Override
    public JournalContents open() {
        return new JournalContents(List.of(), List.of());
    }

    @Override
    public CompletableFuture<Void> appendAsync(List<JournalEntry> entries) {
        appends.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<AllocationRecord> liveRecords() {
        return List.of();
    }

    /** Appends acknowledged so far. */
    long appends() {
        return appends.get();
    }

    @Override
    public void close() {
        // nothing is held
    }
}
