package dev.multipool.host.consumer;

import static org.assertj.core.api.Assertions.assertThat;
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
import dev.multipool.host.state.AllocationRecord;
import dev.multipool.host.state.FileAllocationJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec A5.7 in the IPAM layer: the manager, the journal and the expiration timers agree on each
 * address's timer, so an expiry or a stop only ever applies to the allocation that created the
 * timer, in memory and on disk.
 */
class AllocationServiceTimersTest {

    private static final PoolName POOL = PoolName.of("default");

    @TempDir
    Path directory;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private FileAllocationJournal journal;
    private MultiPoolManager manager;
    private AllocationService service;
    private ExpirationTimers timers;

    private void start(Duration expiration) {
        manager = new MultiPoolManager(ManagerParams.builder("c").enabledFamilies(Family.IPV4).build());
        manager.upsertNode(new PoolSection(List.of(), List.of(new PoolAllocation(POOL,
                List.of(Cidr.parse("10.0.0.0/28"))))));
        journal = new FileAllocationJournal(directory);
        journal.open();
        timers = new ExpirationTimers(Clock.systemUTC(), scheduler, (pool, address, uuid) ->
                service.expire(pool, address, uuid));
        HostMetrics metrics = new HostMetrics(new MetricsSources(() -> null, () -> null, List::of));
        service = new AllocationService("c", manager, journal, timers, expiration, Optional.empty(),
                AllocRangeResolver.NONE, Optional::empty, metrics);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        if (journal != null) {
            journal.close();
        }
    }

    private AddressReply allocate(String owner, boolean expiration) {
        return service.allocateNext(new NextAddressRequest(Optional.of(Family.IPV4), owner, Optional.of(POOL),
                expiration)).addresses().get(Family.IPV4);
    }

    private Optional<AllocationRecord> stored(IpAddress address) {
        return journal.liveRecords().stream().filter(r -> r.address().equals(address)).findFirst();
    }

    @Test
    void A5_7_anUnconfirmedAddressIsReleasedAtItsDeadlineInTheManagerAndOnDisk() {
        start(Duration.ofMillis(100));
        IpAddress address = allocate("pod-a", true).allocation().address();
        assertThat(stored(address)).hasValueSatisfying(r -> assertThat(r.expiration()).isPresent());

        await().atMost(Duration.ofSeconds(5)).until(() -> manager.allocationsOf("pod-a").isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> stored(address).isEmpty());
    }

    @Test
    void A5_7_anExpiryOfAReplacedTimerDoesNotReleaseTheAddressesNextOwner() {
        start(Duration.ofMinutes(10));
        AddressReply first = allocate("pod-a", true);
        IpAddress address = first.allocation().address();
        String oldTimer = first.expirationUuid().orElseThrow();
        service.release(address, POOL);
        service.allocate(address, POOL, "pod-b");

        // the first allocation's timer fires late, after its address changed hands
        service.expire(POOL, address, oldTimer);

        assertThat(manager.allocationsOf("pod-b")).extracting(r -> r.address()).containsExactly(address);
        assertThat(stored(address)).hasValueSatisfying(r -> assertThat(r.owner()).isEqualTo("pod-b"));
    }

    @Test
    void A5_7_aStoppedTimerIsStoppedOnDiskAndANewAllocationOfTheAddressGetsItsOwnTimer() {
        start(Duration.ofMinutes(10));
        AddressReply first = allocate("pod-a", true);
        IpAddress address = first.allocation().address();
        service.stopExpiration(address, POOL, first.expirationUuid().orElseThrow());
        assertThat(stored(address)).hasValueSatisfying(r -> assertThat(r.expiration()).isEmpty());
        assertThat(timers.get(POOL, address)).isEmpty();

        service.release(address, POOL);
        AddressReply second = allocate("pod-b", true);
        IpAddress next = second.allocation().address();
        assertThat(stored(next)).hasValueSatisfying(r -> assertThat(r.expiration().map(t -> t.uuid()))
                .isEqualTo(second.expirationUuid()));
        assertThat(timers.get(POOL, next).map(t -> t.uuid())).isEqualTo(second.expirationUuid());
        service.expire(POOL, next, first.expirationUuid().orElseThrow());
        assertThat(manager.allocationsOf("pod-b")).hasSize(1);
    }
}
