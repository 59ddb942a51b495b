package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.alloc;
import static dev.multipool.host.manager.TestSections.allocated;
import static dev.multipool.host.manager.TestSections.cidr;
import static dev.multipool.host.manager.TestSections.ip;
import static dev.multipool.host.manager.TestSections.operatorAdds;
import static dev.multipool.host.manager.TestSections.operatorRemoves;
import static dev.multipool.host.manager.TestSections.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Spec 7.4, M37–M39, M44, S50 and the later fixes #46674 and #47916. */
class MultiPoolManagerReleaseTest {

    private static final PoolName DEFAULT = pool("default");
    private static final PoolName MARS = pool("mars");

    private final RecordingEvents events = new RecordingEvents();

    private MultiPoolManager manager(Map<PoolName, Integer> preAllocation, Family... families) {
        return new MultiPoolManager(ManagerParams.builder("pod")
                .enabledFamilies(families[0], families)
                .preAllocation(preAllocation)
                .random(new SplittableRandom(2))
                .events(events)
                .build());
    }

    private static void finishRestore(MultiPoolManager manager) {
        manager.restoreFinished(Family.IPV4);
        manager.restoreFinished(Family.IPV6);
    }

    private static List<Cidr> cidrsOf(PoolSection section, PoolName pool) {
        return section.allocation(pool).orElseThrow().cidrs();
    }

    @Test
    @DisplayName("S25: without pre-allocation each unused single-address CIDR is released after restore")
    void s25() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4, Family.IPV6);
        NodeHarness node = new NodeHarness(manager,
                allocated(alloc("default", "10.0.10.0/32", "10.0.11.0/32", "fd00:10::/128", "fd00:11::/128")));
        manager.allocate(ip("10.0.10.0"), DEFAULT, "a", false);
        manager.allocate(ip("fd00:10::"), DEFAULT, "b", false);
        finishRestore(manager);
        assertThat(cidrsOf(node.sync(), DEFAULT)).containsExactly(cidr("10.0.10.0/32"), cidr("fd00:10::/128"));
    }

    @Test
    @DisplayName("S26: with p=1 and 5 of 10 single-address CIDRs in use per family, 6 per family remain")
    void s26() {
        MultiPoolManager manager = manager(Map.of(DEFAULT, 1), Family.IPV4, Family.IPV6);
        String[] cidrs = IntStream.range(0, 10).boxed()
                .flatMap(i -> java.util.stream.Stream.of("10.0.100." + i + "/32", "fd00:100::" + i + "/128"))
                .toArray(String[]::new);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", cidrs)));
        for (int i = 0; i < 5; i++) {
            manager.allocate(ip("10.0.100." + i), DEFAULT, "v4-" + i, false);
            manager.allocate(ip("fd00:100::" + i), DEFAULT, "v6-" + i, false);
        }
        finishRestore(manager);
        List<Cidr> remaining = cidrsOf(node.sync(), DEFAULT);
        assertThat(remaining).hasSize(12);
        for (int i = 0; i < 5; i++) {
            assertThat(remaining).contains(cidr("10.0.100." + i + "/32"), cidr("fd00:100::" + i + "/128"));
        }
        // releases walk from the end: the first unused CIDR of each family is the one kept
        assertThat(remaining).contains(cidr("10.0.100.5/32"), cidr("fd00:100::5/128"));
    }

    @Test
    @DisplayName("S27: releasing everything after restore empties the dump and leaves allocated absent")
    void s27() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4, Family.IPV6);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.50.0/24", "fd00:50::/96")));
        IpAddress v4 = manager.allocateNext(DEFAULT, Family.IPV4, "a", false).address();
        IpAddress v6 = manager.allocateNext(DEFAULT, Family.IPV6, "a", false).address();
        finishRestore(manager);
        manager.release(v4, DEFAULT, true);
        manager.release(v6, DEFAULT, true);
        PoolSection written = manager.computeSync().orElseThrow();
        // the pool is gone from every view even before the write is echoed back
        assertThat(manager.dump()).isEmpty();
        assertThat(node.sync()).isEqualTo(written);
        assertThat(written.allocated()).isEmpty();
        assertThat(written.requested()).isEmpty();
        assertThat(manager.dump()).isEmpty();
        assertThat(manager.status()).isEqualTo("0 IPAM pool(s) available");
    }

    @Test
    @DisplayName("S28/M39/M47: before restore finishes nothing is released; each family is gated on its own")
    void s28() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4, Family.IPV6);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("unused", "10.0.33.0/24", "fd00:33::/96")));
        for (int i = 0; i < 5; i++) {
            assertThat(cidrsOf(node.sync(), pool("unused"))).containsExactly(cidr("10.0.33.0/24"), cidr("fd00:33::/96"));
        }
        manager.restoreFinished(Family.IPV6);
        assertThat(cidrsOf(node.sync(), pool("unused"))).containsExactly(cidr("10.0.33.0/24"));
        assertThat(manager.isRestoreFinished(Family.IPV6)).isTrue();
        assertThat(manager.isRestoreFinished(Family.IPV4)).isFalse();
    }

    @Test
    @DisplayName("S29/M38: two /27 with p=8: 10 in use releases the second, 20 in use keeps both")
    void s29() {
        for (int used : new int[] {10, 20}) {
            MultiPoolManager manager = manager(Map.of(MARS, 8), Family.IPV4);
            NodeHarness node = new NodeHarness(manager, allocated(alloc("mars", "10.0.11.0/27", "10.0.12.0/27")));
            for (int i = 1; i <= used; i++) {
                manager.allocate(ip("10.0.11." + i), MARS, "pod-" + i, false);
            }
            finishRestore(manager);
            List<Cidr> remaining = cidrsOf(node.sync(), MARS);
            if (used == 10) {
                assertThat(remaining).containsExactly(cidr("10.0.11.0/27"));
            } else {
                assertThat(remaining).containsExactly(cidr("10.0.11.0/27"), cidr("10.0.12.0/27"));
            }
        }
    }

    @Test
    @DisplayName("S30/M38: of two unused /24 with p=16 the one first in range order remains")
    void s30() {
        MultiPoolManager manager = manager(Map.of(DEFAULT, 16), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.2.0/24", "10.0.1.0/24")));
        finishRestore(manager);
        assertThat(cidrsOf(node.sync(), DEFAULT)).containsExactly(cidr("10.0.2.0/24"));
        assertThat(events.lines()).containsExactly("released default 10.0.1.0/24");
    }

    @Test
    @DisplayName("M38/M44: an unused pool without pre-allocation is released and disappears")
    void m44() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.1.0/24")));
        finishRestore(manager);
        assertThat(node.sync().allocated()).isEmpty();
        assertThatThrownBy(() -> manager.allocateNext(DEFAULT, Family.IPV4, "late", false))
                .isInstanceOf(dev.multipool.api.PoolNotReadyException.class);
    }

    @Test
    @DisplayName("S50/M14: an in-use CIDR the operator drops is kept, marked removed, skipped, and written back")
    void s50() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.5.0/24", "10.0.6.0/29")));
        for (int i = 1; i <= 3; i++) {
            manager.allocate(ip("10.0.5." + i), DEFAULT, "pod-" + i, false);
        }
        node.operator(n -> operatorRemoves(n, "default", "10.0.5.0/24"));
        assertThat(events.lines()).containsExactly("removed default 10.0.5.0/24 3");
        FamilyDump dump = manager.dump().get(0).families().get(Family.IPV4);
        assertThat(dump.cidrs()).containsExactly(cidr("10.0.5.0/24"), cidr("10.0.6.0/29"));
        assertThat(dump.removed()).containsExactly(cidr("10.0.5.0/24"));
        assertThat(dump.capacity()).isEqualTo(6);
        assertThat(manager.capacity(Family.IPV4)).isEqualTo(6);
        assertThat(manager.inUse(DEFAULT, Family.IPV4)).isEqualTo(3);
        for (int i = 0; i < 6; i++) {
            assertThat(manager.allocateNext(DEFAULT, Family.IPV4, "next-" + i, false).cidr()).isEqualTo(cidr("10.0.6.0/29"));
        }
        assertThat(manager.hasFreeAddress(DEFAULT, Family.IPV4)).isFalse();
        assertThatThrownBy(() -> manager.allocateNext(DEFAULT, Family.IPV4, "next", false))
                .isInstanceOf(PoolExhaustedException.class);
        // M14: a specific address can still be allocated in a removed range
        manager.allocate(ip("10.0.5.9"), DEFAULT, "specific", false);
        finishRestore(manager);
        assertThat(cidrsOf(manager.computeSync().orElseThrow(), DEFAULT))
                .containsExactly(cidr("10.0.5.0/24"), cidr("10.0.6.0/29"));
    }

    @Test
    @DisplayName("S50/M13: an unused CIDR the operator drops disappears silently and is not written back")
    void s50Unused() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.5.0/24", "10.0.6.0/29")));
        node.operator(n -> operatorRemoves(n, "default", "10.0.5.0/24"));
        assertThat(events.lines()).isEmpty();
        assertThat(cidrsOf(node.sync(), DEFAULT)).containsExactly(cidr("10.0.6.0/29"));
    }

    @Test
    @DisplayName("PR #47916: a removed CIDR listed again is owned again and serves next-address requests")
    void pr47916Unmark() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.5.0/24", "10.0.6.0/29")));
        manager.allocate(ip("10.0.5.1"), DEFAULT, "pod", false);
        node.operator(n -> operatorRemoves(n, "default", "10.0.5.0/24"));
        assertThat(manager.capacity(Family.IPV4)).isEqualTo(6);
        node.operator(n -> operatorAdds(n, "default", "10.0.5.0/24"));
        assertThat(events.lines()).containsExactly("removed default 10.0.5.0/24 1", "relisted default 10.0.5.0/24");
        assertThat(manager.dump().get(0).families().get(Family.IPV4).removed()).isEmpty();
        assertThat(manager.capacity(Family.IPV4)).isEqualTo(253 + 6);
        assertThat(manager.allocateNext(DEFAULT, Family.IPV4, "next", false).cidr()).isEqualTo(cidr("10.0.5.0/24"));
    }

    @Test
    @DisplayName("PR #47916: free addresses of removed ranges do not justify releasing a listed range")
    void pr47916FreeCount() {
        MultiPoolManager manager = manager(Map.of(DEFAULT, 16), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.5.0/24", "10.0.6.0/24")));
        manager.allocate(ip("10.0.5.1"), DEFAULT, "pod", false);
        node.operator(n -> operatorRemoves(n, "default", "10.0.5.0/24"));
        finishRestore(manager);
        // demand 32, freeNeeded 31: counting the removed range's 253 free would release 10.0.6.0/24
        assertThat(cidrsOf(manager.computeSync().orElseThrow(), DEFAULT))
                .containsExactly(cidr("10.0.5.0/24"), cidr("10.0.6.0/24"));
        assertThat(manager.allocateNext(DEFAULT, Family.IPV4, "next", false).cidr()).isEqualTo(cidr("10.0.6.0/24"));
    }

    @Test
    @DisplayName("PR #47916 as upstream: the host's own write-back of a removed CIDR, echoed back, clears the mark")
    void pr47916EchoOfOwnClaim() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.5.0/24", "10.0.6.0/29")));
        manager.allocate(ip("10.0.5.1"), DEFAULT, "pod", false);
        node.operator(n -> operatorRemoves(n, "default", "10.0.5.0/24"));
        assertThat(node.sync().allocation(DEFAULT).orElseThrow().cidrs()).contains(cidr("10.0.5.0/24"));
        assertThat(manager.dump().get(0).families().get(Family.IPV4).removed()).isEmpty();
    }

    @Test
    @DisplayName("PR #46674: a released CIDR the operator still lists stays unused until demand grows, then returns")
    void pr46674Reclaim() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.1.0/29", "10.0.2.0/29")));
        manager.allocate(ip("10.0.1.1"), DEFAULT, "first", false);
        finishRestore(manager);
        assertThat(cidrsOf(manager.computeSync().orElseThrow(), DEFAULT)).containsExactly(cidr("10.0.1.0/29"));
        // the write has not landed (or the operator has not reconciled): the node still lists both
        manager.upsertNode(node.node());
        for (int i = 2; i <= 6; i++) {
            assertThat(manager.allocateNext(DEFAULT, Family.IPV4, "pod-" + i, false).cidr()).isEqualTo(cidr("10.0.1.0/29"));
        }
        assertThatThrownBy(() -> manager.allocateNext(DEFAULT, Family.IPV4, "pod-7", false))
                .isInstanceOf(PoolExhaustedException.class);
        assertThat(manager.dump().get(0).families().get(Family.IPV4).released()).containsExactly(cidr("10.0.2.0/29"));
        assertThat(cidrsOf(manager.computeSync().orElseThrow(), DEFAULT))
                .containsExactly(cidr("10.0.1.0/29"), cidr("10.0.2.0/29"));
        assertThat(events.lines()).containsExactly("released default 10.0.2.0/29", "reclaimed default 10.0.2.0/29");
        assertThat(manager.allocateNext(DEFAULT, Family.IPV4, "pod-7", false).cidr()).isEqualTo(cidr("10.0.2.0/29"));
    }

    @Test
    @DisplayName("M13 (later): a released CIDR is forgotten once the node stops listing it")
    void releasedForgottenWhenUnlisted() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.1.0/29", "10.0.2.0/29")));
        manager.allocate(ip("10.0.1.1"), DEFAULT, "first", false);
        finishRestore(manager);
        node.sync();
        assertThat(manager.dump().get(0).families().get(Family.IPV4).released()).isEmpty();
        // listed again later, it is a fresh delegation and gets a range at once
        node.operator(n -> operatorAdds(n, "default", "10.0.2.0/29"));
        assertThat(manager.dump().get(0).families().get(Family.IPV4).cidrs())
                .containsExactly(cidr("10.0.1.0/29"), cidr("10.0.2.0/29"));
    }

    @Test
    @DisplayName("M37 deviation: the range order is stable across syncs, so next-address keeps preferring the first")
    void stableOrder() {
        MultiPoolManager manager = manager(Map.of(MARS, 8), Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("mars", "10.0.12.0/27", "10.0.11.0/27")));
        for (int i = 1; i <= 20; i++) {
            manager.allocate(ip("10.0.12." + i), MARS, "pod-" + i, false);
        }
        finishRestore(manager);
        for (int round = 0; round < 4; round++) {
            PoolSection written = node.sync();
            assertThat(cidrsOf(written, MARS)).containsExactly(cidr("10.0.11.0/27"), cidr("10.0.12.0/27"));
            assertThat(manager.dump().get(0).families().get(Family.IPV4).cidrs())
                    .containsExactly(cidr("10.0.12.0/27"), cidr("10.0.11.0/27"));
            IpAddress next = manager.allocateNext(MARS, Family.IPV4, "round-" + round, false).address();
            assertThat(cidr("10.0.12.0/27").contains(next)).isTrue();
            manager.release(next, MARS, false);
        }
    }

    @Test
    @DisplayName("PR #46674, M12: a pool the operator drops keeps its ranges but never takes a released CIDR back")
    void releasedCidrOfADroppedPoolIsNotReclaimed() {
        MultiPoolManager manager = manager(Map.of(), Family.IPV4);
        NodeHarness node = new NodeHarness(manager,
                allocated(alloc("mars", "10.0.1.0/29", "10.0.2.0/29"), alloc("default", "10.0.9.0/29")));
        manager.allocate(ip("10.0.1.1"), MARS, "a", false);
        manager.restoreFinished(Family.IPV4);
        assertThat(cidrsOf(manager.computeSync().orElseThrow(), MARS)).containsExactly(cidr("10.0.1.0/29"));
        manager.upsertNode(node.node()); // that write was lost: 10.0.2.0/29 is released but still listed

        manager.upsertNode(allocated(alloc("default", "10.0.9.0/29"))); // the operator drops pool mars
        for (int i = 0; i < 5; i++) {
            manager.allocateNext(MARS, Family.IPV4, "p" + i, false);
        }
        assertThatThrownBy(() -> manager.allocateNext(MARS, Family.IPV4, "p5", false))
                .isInstanceOf(PoolExhaustedException.class);

        assertThat(cidrsOf(manager.computeSync().orElseThrow(), MARS))
                .as("the in-use range is kept (M12), the CIDR given back is not claimed again")
                .containsExactly(cidr("10.0.1.0/29"));
    }
}
