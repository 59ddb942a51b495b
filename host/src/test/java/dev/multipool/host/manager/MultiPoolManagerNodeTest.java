package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.alloc;
import static dev.multipool.host.manager.TestSections.allocated;
import static dev.multipool.host.manager.TestSections.cidr;
import static dev.multipool.host.manager.TestSections.ip;
import static dev.multipool.host.manager.TestSections.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ingesting the node's {@code allocated} list: M10–M13 and the overlap guard. */
class MultiPoolManagerNodeTest {

    private static final PoolName DEFAULT = pool("default");

    private final RecordingEvents events = new RecordingEvents();
    private final AtomicInteger triggers = new AtomicInteger();

    private MultiPoolManager manager(Family... families) {
        return new MultiPoolManager(ManagerParams.builder("dra").enabledFamilies(families[0], families)
                .random(new SplittableRandom(4)).events(events).syncTrigger(triggers::incrementAndGet).build());
    }

    private static FamilyDump familyDump(MultiPoolManager manager, String pool, Family family) {
        return manager.dump().stream().filter(d -> d.name().equals(pool(pool))).findFirst().orElseThrow()
                .families().get(family);
    }

    @Test
    @DisplayName("M10: the first node section fires the sync trigger; later ones do not")
    void m10() {
        MultiPoolManager manager = manager(Family.IPV4);
        manager.upsertNode(PoolSection.EMPTY);
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/24")));
        assertThat(triggers).hasValue(1);
    }

    @Test
    @DisplayName("M11: CIDRs of a disabled family are ignored and not written back")
    void m11DisabledFamily() {
        MultiPoolManager manager = manager(Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "fd00::/120", "10.0.0.0/24")));
        assertThat(node.sync().allocated()).containsExactly(alloc("default", "10.0.0.0/24"));
        assertThat(manager.dump().get(0).families()).containsOnlyKeys(Family.IPV4);
    }

    @Test
    @DisplayName("M11: an empty family list shrinks that family even though the pool is still listed")
    void m11Shrink() {
        MultiPoolManager manager = manager(Family.IPV4, Family.IPV6);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.0.0/24", "fd00::/120")));
        node.operator(n -> allocated(alloc("default", "10.0.0.0/24")));
        assertThat(familyDump(manager, "default", Family.IPV6).cidrs()).isEmpty();
        assertThat(node.sync().allocated()).containsExactly(alloc("default", "10.0.0.0/24"));
    }

    @Test
    @DisplayName("M12: a pool vanishing from allocated keeps its ranges and is written back")
    void m12() {
        MultiPoolManager manager = manager(Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.0.0/24"), alloc("mars", "10.1.0.0/24")));
        manager.allocateNext(pool("mars"), Family.IPV4, "pod", false);
        node.operator(n -> allocated(alloc("default", "10.0.0.0/24")));
        assertThat(familyDump(manager, "mars", Family.IPV4).removed()).isEmpty();
        assertThat(node.sync().allocated())
                .containsExactly(alloc("default", "10.0.0.0/24"), alloc("mars", "10.1.0.0/24"));
    }

    @Test
    @DisplayName("M13: a duplicate CIDR is reported and tracked once; a pool listed twice gets the union")
    void m13Duplicates() {
        MultiPoolManager manager = manager(Family.IPV4);
        NodeHarness node = new NodeHarness(manager, new PoolSection(List.of(), List.of(
                alloc("default", "10.0.0.0/24", "10.0.0.0/24"), alloc("default", "10.0.1.0/24"))));
        assertThat(events.lines()).containsExactly("duplicate default 10.0.0.0/24");
        assertThat(node.sync().allocated()).containsExactly(alloc("default", "10.0.0.0/24", "10.0.1.0/24"));
    }

    @Test
    @DisplayName("M13/R2: a /1 has no usable address: it is released at once and never written back")
    void m13TooSmall() {
        MultiPoolManager manager = manager(Family.IPV4, Family.IPV6);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "128.0.0.0/1", "::/0", "10.0.0.0/32")));
        assertThat(events.lines()).containsExactly("too-small default 128.0.0.0/1", "too-small default ::/0");
        assertThat(familyDump(manager, "default", Family.IPV4).released()).containsExactly(cidr("128.0.0.0/1"));
        assertThat(node.sync().allocated()).containsExactly(alloc("default", "10.0.0.0/32"));
    }

    @Test
    @DisplayName("Overlap guard: a CIDR overlapping a tracked one (any pool) is ignored, so nothing is handed out twice")
    void overlap() {
        MultiPoolManager manager = manager(Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.0.0/24", "10.0.0.128/25"),
                alloc("mars", "10.0.0.64/26", "10.0.1.0/24")));
        assertThat(events.lines()).containsExactly("overlap default 10.0.0.128/25 default 10.0.0.0/24",
                "overlap mars 10.0.0.64/26 default 10.0.0.0/24");
        assertThat(node.sync().allocated())
                .containsExactly(alloc("default", "10.0.0.0/24"), alloc("mars", "10.0.1.0/24"));
    }

    @Test
    @DisplayName("Overlap guard: a CIDR moving from one pool to another in one update is not taken for an overlap")
    void cidrMovesBetweenPools() {
        MultiPoolManager manager = manager(Family.IPV4);
        NodeHarness node = new NodeHarness(manager, allocated(alloc("default", "10.0.0.0/24", "10.0.9.0/24")));
        node.operator(n -> allocated(alloc("default", "10.0.9.0/24"), alloc("mars", "10.0.0.0/24")));
        assertThat(events.lines()).isEmpty();
        assertThat(manager.allocate(ip("10.0.0.7"), pool("mars"), "pod", false).cidr()).isEqualTo(cidr("10.0.0.0/24"));
    }

    @Test
    @DisplayName("M54-M56: capacity, in-use, status and dump agree after allocations in two pools")
    void countersAgree() {
        MultiPoolManager manager = manager(Family.IPV4, Family.IPV6);
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/24", "fd00::/120"), alloc("mars", "10.1.0.0/28")));
        manager.allocateNext(DEFAULT, Family.IPV4, "a", false);
        manager.allocateNext(DEFAULT, Family.IPV6, "a", false);
        manager.allocateNext(pool("mars"), Family.IPV4, "b", false);
        assertThat(manager.capacity(Family.IPV4)).isEqualTo(253 + 13);
        assertThat(manager.capacity(Family.IPV6)).isEqualTo(253);
        assertThat(manager.inUse(DEFAULT, Family.IPV4)).isEqualTo(1);
        assertThat(manager.inUse(pool("jupiter"), Family.IPV4)).isZero();
        assertThat(manager.status()).isEqualTo("2 IPAM pool(s) available");
        FamilyDump v4 = familyDump(manager, "default", Family.IPV4);
        assertThat(v4.capacity()).isEqualTo(254);
        assertThat(v4.inUse()).isEqualTo(1);
        assertThat(v4.allocations()).containsValue("a");
        assertThat(manager.allocationsOf("a")).hasSize(2);
        assertThat(manager.hasFreeAddress(pool("mars"), Family.IPV6)).isFalse();
        assertThat(manager.enabledFamilies()).containsExactly(Family.IPV4, Family.IPV6);
        assertThat(manager.consumerId()).isEqualTo("dra");
        assertThat(manager.deferredRestores()).isEqualTo(Map.of());
    }
}
