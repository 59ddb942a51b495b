package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.alloc;
import static dev.multipool.host.manager.TestSections.allocated;
import static dev.multipool.host.manager.TestSections.cidr;
import static dev.multipool.host.manager.TestSections.ip;
import static dev.multipool.host.manager.TestSections.operatorAdds;
import static dev.multipool.host.manager.TestSections.pool;
import static dev.multipool.host.manager.TestSections.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** M41 with the crash-safety rule: placed, deferred (reserved) and conflicting restores. */
class MultiPoolManagerRestoreTest {

    private static final PoolName DEFAULT = pool("default");
    private static final PoolName MARS = pool("mars");

    private final RecordingEvents events = new RecordingEvents();

    private MultiPoolManager manager(Map<PoolName, Integer> preAllocation) {
        return new MultiPoolManager(ManagerParams.builder("pod").enabledFamilies(Family.IPV4, Family.IPV6)
                .preAllocation(preAllocation).random(new SplittableRandom(6)).events(events).build());
    }

    @Test
    @DisplayName("M41: a restore into a delegated CIDR is placed, idempotently for the same owner, without sync")
    void placed() {
        MultiPoolManager manager = manager(Map.of());
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/24")));
        assertThat(manager.restore(ip("10.0.0.9"), DEFAULT, "pod-a")).isEqualTo(RestoreOutcome.PLACED);
        assertThat(manager.restore(ip("10.0.0.9"), DEFAULT, "pod-a")).isEqualTo(RestoreOutcome.PLACED);
        assertThat(manager.inUse(DEFAULT, Family.IPV4)).isEqualTo(1);
        assertThat(manager.allocationsOf("pod-a")).extracting(AllocationResult::address).containsExactly(ip("10.0.0.9"));
    }

    @Test
    @DisplayName("Restore CONFLICT: another owner keeps the address, the event reports it, and no demand is recorded")
    void conflict() {
        MultiPoolManager manager = manager(Map.of());
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/24")));
        manager.allocate(ip("10.0.0.9"), DEFAULT, "pod-a", false);
        assertThat(manager.restore(ip("10.0.0.9"), DEFAULT, "pod-b")).isEqualTo(RestoreOutcome.CONFLICT);
        assertThat(events.lines()).containsExactly("conflict default 10.0.0.9 pod-b held by pod-a");
        assertThat(manager.allocationsOf("pod-b")).isEmpty();
        assertThat(manager.computeSync().orElseThrow().requested()).containsExactly(req("default", 1, 0));
    }

    @Test
    @DisplayName("Restore of an address the current rules exclude (the network address) is still placed")
    void outsideWindow() {
        MultiPoolManager manager = manager(Map.of());
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/30")));
        assertThat(manager.restore(ip("10.0.0.0"), DEFAULT, "pod-a")).isEqualTo(RestoreOutcome.PLACED);
        assertThat(manager.inUse(DEFAULT, Family.IPV4)).isEqualTo(1);
        assertThat(manager.capacity(Family.IPV4)).isEqualTo(2);
        assertThat(manager.release(ip("10.0.0.0"), DEFAULT, false)).isEqualTo("pod-a");
    }

    @Test
    @DisplayName("Deferred restore: reserved, counted in demand, placed when its CIDR appears and never handed out")
    void deferredThenPlaced() {
        MultiPoolManager manager = manager(Map.of());
        NodeHarness node = new NodeHarness(manager, PoolSection.EMPTY);
        assertThat(manager.restore(ip("10.0.1.5"), MARS, "pod-a")).isEqualTo(RestoreOutcome.DEFERRED);
        assertThat(events.lines()).containsExactly("deferred mars 10.0.1.5 pod-a: pool not (yet) available");
        assertThat(manager.deferredRestores()).containsExactly(Map.entry("mars/10.0.1.5", "pod-a"));
        assertThat(manager.allocationsOf("pod-a")).extracting(AllocationResult::cidr).containsExactly(cidr("10.0.1.5/32"));
        assertThat(manager.inUse(MARS, Family.IPV4)).isEqualTo(1);
        assertThat(manager.dump()).extracting(PoolDump::name).containsExactly(MARS);
        assertThat(node.sync().requested()).containsExactly(req("mars", 1, 0));

        node.operator(n -> operatorAdds(n, "mars", "10.0.1.0/29"));
        assertThat(events.lines()).last().isEqualTo("placed mars 10.0.1.5 pod-a");
        assertThat(manager.deferredRestores()).isEmpty();
        Set<IpAddress> handedOut = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            handedOut.add(manager.allocateNext(MARS, Family.IPV4, "other-" + i, false).address());
        }
        assertThat(handedOut).hasSize(5).doesNotContain(ip("10.0.1.5"));
        assertThatThrownBy(() -> manager.allocateNext(MARS, Family.IPV4, "other-5", false))
                .isInstanceOf(PoolExhaustedException.class);
        assertThat(manager.dump().get(0).families().get(Family.IPV4).allocations()).containsEntry(ip("10.0.1.5"), "pod-a");
    }

    @Test
    @DisplayName("Deferred restore: the same owner again stays deferred; another owner is a CONFLICT")
    void deferredTwice() {
        MultiPoolManager manager = manager(Map.of());
        manager.upsertNode(allocated(alloc("mars", "10.0.9.0/24")));
        assertThat(manager.restore(ip("10.0.1.5"), MARS, "pod-a")).isEqualTo(RestoreOutcome.DEFERRED);
        assertThat(manager.restore(ip("10.0.1.5"), MARS, "pod-a")).isEqualTo(RestoreOutcome.DEFERRED);
        assertThat(manager.restore(ip("10.0.1.5"), MARS, "pod-b")).isEqualTo(RestoreOutcome.CONFLICT);
        assertThat(events.lines()).containsExactly(
                "deferred mars 10.0.1.5 pod-a: no delegated CIDR of the pool contains it",
                "conflict mars 10.0.1.5 pod-b held by pod-a");
        assertThatThrownBy(() -> manager.allocate(ip("10.0.1.5"), MARS, "pod-c", false))
                .isInstanceOf(AddressInUseException.class).hasMessageContaining("(owner \"pod-a\")");
    }

    @Test
    @DisplayName("Deferred restore: releasing it drops the reservation and returns its owner")
    void releaseDeferred() {
        MultiPoolManager manager = manager(Map.of());
        manager.upsertNode(PoolSection.EMPTY);
        manager.restore(ip("fd00:1::5"), MARS, "pod-a");
        assertThat(manager.release(ip("fd00:1::5"), MARS, false)).isEqualTo("pod-a");
        assertThat(manager.deferredRestores()).isEmpty();
        assertThat(manager.inUse(MARS, Family.IPV6)).isZero();
        assertThat(manager.computeSync().orElseThrow().requested()).isEmpty();
    }

    @Test
    @DisplayName("Deferred restore: the CIDRs kept for it are not given back while it waits")
    void deferredKeepsFreeSpace() {
        MultiPoolManager manager = manager(Map.of());
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.0.0/29")));
        manager.restore(ip("10.0.1.5"), DEFAULT, "pod-a");
        manager.restoreFinished(Family.IPV4);
        manager.restoreFinished(Family.IPV6);
        PoolSection written = node.sync();
        assertThat(written.requested()).containsExactly(req("default", 1, 0));
        assertThat(written.allocated()).containsExactly(alloc("default", "10.0.0.0/29"));
    }

    @Test
    @DisplayName("Restore into a released CIDR the operator still lists takes the CIDR back (PR #46674)")
    void restoreReclaims() {
        MultiPoolManager manager = manager(Map.of());
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.0.0/29", "10.0.2.0/29")));
        manager.allocate(ip("10.0.0.1"), DEFAULT, "pod-a", false);
        manager.restoreFinished(Family.IPV4);
        manager.computeSync();
        manager.upsertNode(node.node());
        assertThat(manager.restore(ip("10.0.2.3"), DEFAULT, "pod-b")).isEqualTo(RestoreOutcome.PLACED);
        assertThat(events.lines()).containsExactly("released default 10.0.2.0/29", "reclaimed default 10.0.2.0/29");
        assertThat(manager.computeSync().orElseThrow().allocated())
                .containsExactly(alloc("default", "10.0.0.0/29", "10.0.2.0/29"));
    }

    @Test
    @DisplayName("Restore of an IPv6 address beyond the 65,536 addresses a range tracks is not in range")
    void beyondIpv6Cap() {
        MultiPoolManager manager = manager(Map.of());
        manager.upsertNode(allocated(alloc("default", "fd00::/96")));
        assertThatThrownBy(() -> manager.restore(ip("fd00::1:0"), DEFAULT, "pod-a"))
                .isInstanceOf(AddressNotInRangeException.class).hasMessageContaining("not in range");
        assertThat(manager.deferredRestores()).isEmpty();
    }

    @Test
    @DisplayName("allocations(): every placed address and every deferred restore, sorted by pool and address")
    void allocationsListsEverything() {
        MultiPoolManager manager = manager(Map.of());
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/24"), alloc("mars", "fd00:9::/120")));
        manager.allocate(ip("10.0.0.7"), DEFAULT, "pod-a", false);
        manager.allocate(ip("fd00:9::5"), MARS, "pod-b", false);
        manager.restore(ip("10.0.1.5"), MARS, "pod-c");
        assertThat(manager.allocations()).extracting(r -> r.pool() + " " + r.address() + " " + r.cidr() + " " + r.owner())
                .containsExactly("default 10.0.0.7 10.0.0.0/24 pod-a", "mars 10.0.1.5 10.0.1.5/32 pod-c",
                        "mars fd00:9::5 fd00:9::/120 pod-b");
    }
}
