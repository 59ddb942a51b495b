package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.alloc;
import static dev.multipool.host.manager.TestSections.allocated;
import static dev.multipool.host.manager.TestSections.cidr;
import static dev.multipool.host.manager.TestSections.dumpedAddresses;
import static dev.multipool.host.manager.TestSections.ip;
import static dev.multipool.host.manager.TestSections.operatorAdds;
import static dev.multipool.host.manager.TestSections.pool;
import static dev.multipool.host.manager.TestSections.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.api.PoolSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spec 7.3 (Cilium's Test_MultiPoolManager) as a chain of steps: each test replays the steps
 * before its scenario on a fresh manager, then checks its own.
 */
class MultiPoolManagerScenarioTest {

    private static final PoolName DEFAULT = pool("default");
    private static final PoolName MARS = pool("mars");
    private static final PoolName JUPITER = pool("jupiter");
    private static final PoolSection FIXTURE = allocated(
            alloc("default", "10.0.22.0/24", "fd00:22::/96"), alloc("mars", "10.0.11.0/27", "fd00:11::/123"));

    private final AtomicInteger triggers = new AtomicInteger();
    private MultiPoolManager manager;
    private NodeHarness node;
    private IpAddress jupiterV6;
    private final List<IpAddress> marsAddresses = new ArrayList<>();

    @BeforeEach
    void standardFixture() {
        manager = new MultiPoolManager(ManagerParams.builder("pod")
                .enabledFamilies(Family.IPV4, Family.IPV6)
                .preAllocation(Map.of(DEFAULT, 16, MARS, 8))
                .random(new SplittableRandom(1))
                .syncTrigger(triggers::incrementAndGet)
                .build());
        node = new NodeHarness(manager, FIXTURE);
    }

    private void s16Steps() {
        node.sync();
        node.operator(n -> operatorAdds(n, "unused", "fd00:33::/96", "10.0.33.0/24"));
        node.sync();
        node.sync();
    }

    private void s17Steps() {
        s16Steps();
        manager.allocate(ip("10.0.22.1"), DEFAULT, "default/router", false);
    }

    private void s18Steps() {
        s17Steps();
        assertThatThrownBy(() -> manager.allocate(ip("192.168.1.1"), JUPITER, "jupiter-pod-0", false))
                .isInstanceOf(PoolNotReadyException.class);
        assertThatThrownBy(() -> manager.allocateNext(JUPITER, Family.IPV6, "jupiter-pod-1", false))
                .isInstanceOf(PoolNotReadyException.class);
        assertThatThrownBy(() -> manager.allocateNext(JUPITER, Family.IPV6, "jupiter-pod-1", true))
                .isInstanceOf(PoolNotReadyException.class);
    }

    private void s19Steps() {
        s18Steps();
        manager.restoreFinished(Family.IPV4);
        manager.restoreFinished(Family.IPV6);
        // the operator lists IPv6 first everywhere; the host writes IPv4 first (S20)
        node.operator(n -> allocated(alloc("default", "fd00:22::/96", "10.0.22.0/24"),
                alloc("jupiter", "fc00:33::/96", "192.168.1.0/16"), alloc("mars", "fd00:11::/123", "10.0.11.0/27"),
                alloc("unused", "fd00:33::/96", "10.0.33.0/24")));
        manager.allocate(ip("192.168.1.1"), JUPITER, "jupiter-pod-0", false);
        jupiterV6 = manager.allocateNext(JUPITER, Family.IPV6, "jupiter-pod-1", false).address();
    }

    private PoolSection s20Steps() {
        s19Steps();
        manager.release(ip("192.168.1.1"), JUPITER, false);
        manager.release(jupiterV6, JUPITER, true);
        return node.sync();
    }

    private void s21Steps() {
        s20Steps();
        for (int i = 0; i < 30; i++) {
            marsAddresses.add(manager.allocateNext(MARS, Family.IPV4, "mars-pod-" + i, false).address());
        }
    }

    private AllocationResult s23Steps() {
        s21Steps();
        assertThatThrownBy(() -> manager.allocateNext(MARS, Family.IPV4, "mars-pod-30", false))
                .isInstanceOf(PoolExhaustedException.class);
        node.sync();
        node.operator(n -> operatorAdds(n, "mars", "10.0.12.0/27"));
        return manager.allocateNext(MARS, Family.IPV4, "mars-pod-30", false);
    }

    @Test
    @DisplayName("S15: the first write requests default {16,16} and mars {8,8} and keeps allocated as given")
    void s15() {
        assertThat(triggers).hasValue(1);
        PoolSection written = node.sync();
        assertThat(written.requested()).containsExactly(req("default", 16, 16), req("mars", 8, 8));
        assertThat(written.allocated()).isEqualTo(FIXTURE.allocated());
        assertThat(manager.status()).isEqualTo("2 IPAM pool(s) available");
    }

    @Test
    @DisplayName("S16: a pool the operator adds stays in allocated while restore has not finished")
    void s16() {
        s16Steps();
        assertThat(node.node().allocation(pool("unused")).orElseThrow().cidrs())
                .containsExactly(cidr("10.0.33.0/24"), cidr("fd00:33::/96"));
        assertThat(node.node().requested()).containsExactly(req("default", 16, 16), req("mars", 8, 8));
    }

    @Test
    @DisplayName("S17: a specific address succeeds once; the second time it is already allocated")
    void s17() {
        s17Steps();
        assertThat(dumpedAddresses(manager, "default", Family.IPV4)).containsExactly(ip("10.0.22.1"));
        assertThatThrownBy(() -> manager.allocate(ip("10.0.22.1"), DEFAULT, "other", false))
                .isInstanceOf(AddressInUseException.class)
                .hasMessage("unable to reserve IP 10.0.22.1 from pool \"default\" (family ipv4): provided IP is "
                        + "already allocated (owner \"default/router\")");
    }

    @Test
    @DisplayName("S18: an unknown pool is not ready; one owner's repeated failure counts once in requested")
    void s18() {
        int before = triggers.get();
        s18Steps();
        assertThat(triggers.get() - before).isEqualTo(1);
        PoolSection written = node.sync();
        assertThat(written.requested())
                .containsExactly(req("default", 32, 16), req("jupiter", 1, 1), req("mars", 8, 8));
    }

    @Test
    @DisplayName("S19: after the operator delegates jupiter (192.168.1.0/16 masked), both jupiter requests succeed")
    void s19() {
        s19Steps();
        assertThat(node.node().allocation(JUPITER).orElseThrow().cidrs()).contains(cidr("192.168.0.0/16"));
        assertThat(cidr("fc00:33::/96").contains(jupiterV6)).isTrue();
        assertThat(manager.allocationsOf("jupiter-pod-0")).extracting(AllocationResult::cidr)
                .containsExactly(cidr("192.168.0.0/16"));
    }

    @Test
    @DisplayName("S20: after jupiter's addresses are released, jupiter and unused leave the node; IPv4 is first")
    void s20() {
        PoolSection written = s20Steps();
        assertThat(written.requested()).containsExactly(req("default", 32, 16), req("mars", 8, 8));
        assertThat(written.allocated()).containsExactly(alloc("default", "10.0.22.0/24", "fd00:22::/96"),
                alloc("mars", "10.0.11.0/27", "fd00:11::/123"));
    }

    @Test
    @DisplayName("S21: mars hands out its 30 addresses, the 31st request is exhausted; the dump has 2 pools")
    void s21() {
        s21Steps();
        assertThat(marsAddresses).doesNotHaveDuplicates().allMatch(a -> cidr("10.0.11.0/27").contains(a));
        assertThatThrownBy(() -> manager.allocateNext(MARS, Family.IPV4, "mars-pod-30", false))
                .isInstanceOf(PoolExhaustedException.class)
                .hasMessage("unable to allocate from pool \"mars\" (family ipv4): all CIDR ranges are exhausted");
        assertThat(manager.dump()).extracting(PoolDump::name).containsExactly(DEFAULT, MARS);
        assertThat(dumpedAddresses(manager, "default", Family.IPV4)).hasSize(1);
        assertThat(dumpedAddresses(manager, "mars", Family.IPV4)).hasSize(30);
    }

    @Test
    @DisplayName("S22: with 30 in use and p=8, mars requests 40 IPv4 addresses")
    void s22() {
        s21Steps();
        assertThatThrownBy(() -> manager.allocateNext(MARS, Family.IPV4, "mars-pod-30", false))
                .isInstanceOf(PoolExhaustedException.class);
        assertThat(node.sync().requested()).containsExactly(req("default", 32, 16), req("mars", 40, 8));
    }

    @Test
    @DisplayName("S23: a CIDR the operator adds to mars serves the next request")
    void s23() {
        AllocationResult result = s23Steps();
        assertThat(result.cidr()).isEqualTo(cidr("10.0.12.0/27"));
        assertThat(cidr("10.0.12.0/27").contains(result.address())).isTrue();
    }

    @Test
    @DisplayName("S24: once 10.0.11.0/27 is empty it is given back; requested, dump and status follow")
    void s24() {
        IpAddress last = s23Steps().address();
        for (IpAddress address : marsAddresses) {
            manager.release(address, MARS, false);
        }
        PoolSection written = node.sync();
        assertThat(written.requested()).containsExactly(req("default", 32, 16), req("mars", 16, 8));
        assertThat(written.allocation(MARS).orElseThrow()).isEqualTo(alloc("mars", "10.0.12.0/27", "fd00:11::/123"));
        assertThat(dumpedAddresses(manager, "default", Family.IPV4)).containsExactly(ip("10.0.22.1"));
        assertThat(dumpedAddresses(manager, "mars", Family.IPV4)).containsExactly(last);
        assertThat(manager.status()).isEqualTo("2 IPAM pool(s) available");
    }
}
