package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.alloc;
import static dev.multipool.host.manager.TestSections.allocated;
import static dev.multipool.host.manager.TestSections.ip;
import static dev.multipool.host.manager.TestSections.pool;
import static dev.multipool.host.manager.TestSections.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.AddressNotAllocatedException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.IpamException;
import dev.multipool.api.MasqueradePolicy;
import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.api.PoolSection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Error texts and typed errors (M17, R6, M18), the masquerade policy hook and the sync trigger. */
class MultiPoolManagerErrorsTest {

    private static final PoolName DEFAULT = pool("default");
    private static final PoolName JUPITER = pool("jupiter");

    private final AtomicInteger triggers = new AtomicInteger();

    private MultiPoolManager manager(MasqueradePolicy policy) {
        MultiPoolManager manager = new MultiPoolManager(ManagerParams.builder("pod").enabledFamilies(Family.IPV4)
                .masqueradePolicy(policy).random(new SplittableRandom(5)).syncTrigger(triggers::incrementAndGet).build());
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/24")));
        triggers.set(0);
        return manager;
    }

    @Test
    @DisplayName("M17: pool-not-ready texts without and with an address, carrying pool, family and address")
    void m17() {
        MultiPoolManager manager = manager(MasqueradePolicy.NEVER);
        assertThatThrownBy(() -> manager.allocateNext(JUPITER, Family.IPV4, "o", false))
                .isInstanceOf(PoolNotReadyException.class)
                .hasMessage("unable to allocate from pool \"jupiter\" (family ipv4): pool not (yet) available");
        assertThatThrownBy(() -> manager.allocate(ip("192.168.1.1"), JUPITER, "o", false))
                .isInstanceOf(PoolNotReadyException.class)
                .hasMessage("unable to reserve IP 192.168.1.1 from pool \"jupiter\" (family ipv4): pool not (yet) available")
                .satisfies(e -> {
                    IpamException error = (IpamException) e;
                    assertThat(error.pool()).contains(JUPITER);
                    assertThat(error.family()).contains(Family.IPV4);
                    assertThat(error.address()).contains(ip("192.168.1.1"));
                    assertThat(error.owner()).contains("o");
                });
    }

    @Test
    @DisplayName("S52/R6: the network and last address of a /24 are not in range; .1 and .254 succeed")
    void s52() {
        MultiPoolManager manager = manager(MasqueradePolicy.NEVER);
        for (String address : new String[] {"10.0.0.0", "10.0.0.255"}) {
            assertThatThrownBy(() -> manager.allocate(ip(address), DEFAULT, "o", false))
                    .isInstanceOf(AddressNotInRangeException.class)
                    .hasMessage("unable to reserve IP " + address + " from pool \"default\" (family ipv4): IP " + address
                            + " is not in range: the usable addresses of 10.0.0.0/24 are 10.0.0.1 to 10.0.0.254");
        }
        assertThat(manager.allocate(ip("10.0.0.1"), DEFAULT, "o", false).skipMasquerade()).isFalse();
        assertThat(manager.allocate(ip("10.0.0.254"), DEFAULT, "o", false).address()).isEqualTo(ip("10.0.0.254"));
        assertThatThrownBy(() -> manager.allocate(ip("10.9.9.9"), DEFAULT, "o", false))
                .isInstanceOf(AddressNotInRangeException.class)
                .hasMessage("unable to reserve IP 10.9.9.9 from pool \"default\" (family ipv4): IP 10.9.9.9 not in range "
                        + "of any CIDR");
    }

    @Test
    @DisplayName("M18: release returns the owner; unknown pools and free or foreign addresses are typed errors")
    void m18() {
        MultiPoolManager manager = manager(MasqueradePolicy.NEVER);
        manager.allocate(ip("10.0.0.7"), DEFAULT, "owner-7", false);
        assertThat(manager.release(ip("10.0.0.7"), DEFAULT, false)).isEqualTo("owner-7");
        assertThatThrownBy(() -> manager.release(ip("10.0.0.7"), DEFAULT, false))
                .isInstanceOf(AddressNotAllocatedException.class)
                .hasMessage("unable to release IP 10.0.0.7 of pool \"default\" (family ipv4): IP is not allocated");
        assertThatThrownBy(() -> manager.release(ip("10.0.0.7"), JUPITER, false))
                .isInstanceOf(AddressNotAllocatedException.class)
                .hasMessage("unable to release IP 10.0.0.7 of unknown pool \"jupiter\" (family ipv4)");
        assertThatThrownBy(() -> manager.release(ip("172.16.0.1"), DEFAULT, false))
                .isInstanceOf(AddressNotAllocatedException.class);
    }

    @Test
    @DisplayName("A disabled family fails every operation with a typed error and records no demand")
    void disabledFamily() {
        MultiPoolManager manager = manager(MasqueradePolicy.NEVER);
        assertThatThrownBy(() -> manager.allocateNext(DEFAULT, Family.IPV6, "o", true))
                .isInstanceOf(FamilyDisabledException.class).hasMessage("address family ipv6 is disabled on this node");
        assertThatThrownBy(() -> manager.allocate(ip("fd00::1"), DEFAULT, "o", false))
                .isInstanceOf(FamilyDisabledException.class);
        assertThatThrownBy(() -> manager.release(ip("fd00::1"), DEFAULT, false))
                .isInstanceOf(FamilyDisabledException.class);
        assertThatThrownBy(() -> manager.restore(ip("fd00::1"), DEFAULT, "o"))
                .isInstanceOf(FamilyDisabledException.class);
        assertThat(manager.computeSync().orElseThrow().requested()).isEmpty();
    }

    @Test
    @DisplayName("M15: the policy's answer travels with next-address allocations, never with specific ones")
    void policyAnswer() {
        MultiPoolManager manager = manager(pool -> true);
        assertThat(manager.allocateNext(DEFAULT, Family.IPV4, "o", false).skipMasquerade()).isTrue();
        assertThat(manager.allocate(ip("10.0.0.9"), DEFAULT, "p", false).skipMasquerade()).isFalse();
    }

    @Test
    @DisplayName("M15 step 2: a policy failure fails the allocation and counts as pending; not-ready comes first")
    void policyFailure() {
        MultiPoolManager manager = manager(pool -> {
            throw new MasqueradePolicyException("IP pool '" + pool + "' not found in stateDB table", pool);
        });
        assertThatThrownBy(() -> manager.allocateNext(DEFAULT, Family.IPV4, "o", false))
                .isInstanceOf(MasqueradePolicyException.class).hasMessage("IP pool 'default' not found in stateDB table");
        assertThatThrownBy(() -> manager.allocateNext(JUPITER, Family.IPV4, "o", false))
                .isInstanceOf(PoolNotReadyException.class);
        PoolSection written = manager.computeSync().orElseThrow();
        assertThat(written.requested()).containsExactly(req("default", 1, 0), req("jupiter", 1, 0));
        assertThat(manager.inUse(DEFAULT, Family.IPV4)).isZero();
    }

    @Test
    @DisplayName("A policy throwing an unexpected exception is reported as a policy failure naming the pool")
    void policyBug() {
        MultiPoolManager manager = manager(pool -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> manager.allocateNext(DEFAULT, Family.IPV4, "o", false))
                .isInstanceOf(MasqueradePolicyException.class)
                .hasMessage("masquerade policy failed for pool \"default\": java.lang.IllegalStateException: boom");
    }

    @Test
    @DisplayName("M15/M16/M18: the trigger fires when a call with sync leaves, success or failure, and only then")
    void trigger() {
        MultiPoolManager manager = manager(MasqueradePolicy.NEVER);
        var result = manager.allocateNext(DEFAULT, Family.IPV4, "o", true);
        assertThatThrownBy(() -> manager.allocateNext(JUPITER, Family.IPV4, "o", true)).isInstanceOf(IpamException.class);
        assertThatThrownBy(() -> manager.allocate(result.address(), DEFAULT, "x", true)).isInstanceOf(IpamException.class);
        manager.release(result.address(), DEFAULT, true);
        assertThat(triggers).hasValue(4);
        manager.allocateNext(DEFAULT, Family.IPV4, "o", false);
        assertThat(triggers).hasValue(4);
    }

    @Test
    @DisplayName("A failing sync trigger does not undo or hide the allocation")
    void failingTrigger() {
        MultiPoolManager manager = new MultiPoolManager(ManagerParams.builder("pod").syncTrigger(() -> {
            throw new IllegalStateException("writer stopped");
        }).build());
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/24")));
        assertThat(manager.allocateNext(DEFAULT, Family.IPV4, "o", true)).isNotNull();
        assertThat(manager.inUse(DEFAULT, Family.IPV4)).isEqualTo(1);
    }

    @Test
    @DisplayName("Bad arguments are rejected before anything changes")
    void badArguments() {
        MultiPoolManager manager = manager(MasqueradePolicy.NEVER);
        assertThatThrownBy(() -> manager.allocateNext(DEFAULT, Family.IPV4, null, false))
                .isInstanceOf(NullPointerException.class).hasMessage("owner is null");
        assertThatThrownBy(() -> manager.upsertNode(null)).hasMessage("section is null");
        assertThat(manager.inUse(DEFAULT, Family.IPV4)).isZero();
    }

    @Test
    @DisplayName("ManagerParams: defaults, and every invalid value named")
    void params() {
        ManagerParams defaults = ManagerParams.builder("pod").build();
        assertThat(defaults.enabledFamilies()).containsExactly(Family.IPV4);
        assertThat(defaults.pendingTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.preAllocation()).isEmpty();
        assertThat(defaults.masqueradePolicy()).isSameAs(MasqueradePolicy.NEVER);
        assertThat(defaults.events()).isSameAs(ManagerEvents.NONE);
        assertThatThrownBy(() -> ManagerParams.builder("pod").preAllocation(Map.of(DEFAULT, -1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid value for pool \"default\": pre-allocation must not be negative, got -1");
        assertThatThrownBy(() -> ManagerParams.builder("pod").enabledFamilies(Set.of()).build())
                .hasMessageContaining("enabledFamilies is empty");
        assertThatThrownBy(() -> ManagerParams.builder("pod").pendingTtl(Duration.ZERO).build())
                .hasMessage("pendingTtl must be positive, got PT0S");
        assertThatThrownBy(() -> ManagerParams.builder("").build()).hasMessage("consumerId is empty");
    }
}
