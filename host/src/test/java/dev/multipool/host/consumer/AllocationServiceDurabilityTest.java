package dev.multipool.host.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.AllocRangeResolver;
import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import dev.multipool.host.manager.ManagerParams;
import dev.multipool.host.manager.MultiPoolManager;
import dev.multipool.host.metrics.HostMetrics;
import dev.multipool.host.metrics.MetricsSources;
import dev.multipool.host.state.AllocationJournal;
import dev.multipool.host.state.AllocationRecord;
import dev.multipool.host.state.JournalContents;
import dev.multipool.host.state.JournalEntry;
import dev.multipool.host.state.JournalException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 in the IPAM layer: a change is acknowledged only once the journal reports it durable;
 * callers wait for durability outside the lock, so concurrent changes share one flush; and a change
 * the journal could not make durable fails and is undone in the manager.
 */
class AllocationServiceDurabilityTest {

    private static final PoolName POOL = PoolName.of("default");

    /** Our journal interface, with every append's durability decided by the test. */
    private static final class HeldJournal implements AllocationJournal {
        final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
        final List<List<JournalEntry>> appended = new CopyOnWriteArrayList<>();

        @Override
        public JournalContents open() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> appendAsync(List<JournalEntry> entries) {
            CompletableFuture<Void> durable = new CompletableFuture<>();
            appended.add(entries);
            pending.add(durable);
            return durable;
        }

        @Override
        public List<AllocationRecord> liveRecords() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HeldJournal journal = new HeldJournal();
    private MultiPoolManager manager;
    private AllocationService service;

    @BeforeEach
    void start() {
        manager = new MultiPoolManager(ManagerParams.builder("c").enabledFamilies(Family.IPV4).build());
        manager.upsertNode(new PoolSection(List.of(), List.of(new PoolAllocation(POOL,
                List.of(Cidr.parse("10.0.0.0/28"))))));
        ExpirationTimers timers = new ExpirationTimers(Clock.systemUTC(), scheduler, (pool, address, uuid) -> { });
        service = new AllocationService("c", manager, journal, timers, Duration.ofMinutes(10), Optional.empty(),
                AllocRangeResolver.NONE, Optional::empty, new HostMetrics(new MetricsSources(() -> null, () -> null,
                List::of)));
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private CompletableFuture<IpAddress> allocateAsync(String owner) {
        return CompletableFuture.supplyAsync(() -> service.allocateNext(new NextAddressRequest(
                Optional.of(Family.IPV4), owner, Optional.of(POOL), false)).addresses().get(Family.IPV4)
                .allocation().address());
    }

    /** The address of the allocation in the journal's {@code index}-th append. */
    private IpAddress journaledAddress(int index) {
        return ((JournalEntry.Allocated) journal.appended.get(index).get(0)).address();
    }

    @Test
    @DisplayName("an allocation is answered only after its journal entry is durable, and a second one is "
            + "journaled meanwhile (both can share one flush)")
    void acknowledgedOnlyWhenDurable() throws Exception {
        CompletableFuture<IpAddress> first = allocateAsync("a");
        await().until(() -> journal.pending.size() == 1);
        CompletableFuture<IpAddress> second = allocateAsync("b");
        await().until(() -> journal.pending.size() == 2);
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(first).as("not durable yet, not answered").isNotDone();
        assertThat(second).isNotDone();

        journal.pending.get(0).complete(null);
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(journaledAddress(0));
        assertThat(second).as("its own entry is not durable yet").isNotDone();
        journal.pending.get(1).complete(null);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(journaledAddress(1)).isNotEqualTo(first.get());
    }

    @Test
    @DisplayName("an allocation the journal could not make durable fails with the journal's error, and its "
            + "address is free again (released in the manager and journaled as released)")
    void failedAppendIsNotAcknowledgedAndIsUndone() {
        CompletableFuture<IpAddress> failed = allocateAsync("a");
        await().until(() -> journal.pending.size() == 1);
        journal.pending.get(0).completeExceptionally(new JournalException("fsync failed: input/output error", null));
        await().until(() -> journal.pending.size() == 2);
        journal.pending.get(1).complete(null);

        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalException.class)
                .hasMessageContaining("fsync failed");
        assertThat(manager.allocations()).isEmpty();
        assertThat(journal.appended.get(1)).singleElement().isInstanceOfSatisfying(JournalEntry.Released.class,
                released -> assertThat(released.address()).isEqualTo(journaledAddress(0)));

        CompletableFuture<Void> again = CompletableFuture.runAsync(() -> service.allocate(journaledAddress(0), POOL, "b"));
        await().until(() -> journal.pending.size() == 3);
        journal.pending.get(2).complete(null);
        again.join();
        assertThat(manager.allocations()).singleElement().satisfies(result -> assertThat(result.owner()).isEqualTo("b"));
    }

    @Test
    @DisplayName("a release is answered only after it is durable, and fails when the journal fails")
    void releaseWaitsForDurability() throws Exception {
        CompletableFuture<IpAddress> allocated = allocateAsync("a");
        await().until(() -> journal.pending.size() == 1);
        journal.pending.get(0).complete(null);
        IpAddress address = allocated.get(5, TimeUnit.SECONDS);

        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> service.release(address, POOL));
        await().until(() -> journal.pending.size() == 2);
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(release).isNotDone();
        journal.pending.get(1).completeExceptionally(new JournalException("the allocation journal is closed", null));
        assertThatThrownBy(() -> release.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalException.class);
    }
}
