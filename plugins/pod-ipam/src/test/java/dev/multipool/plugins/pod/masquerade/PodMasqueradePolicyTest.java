package dev.multipool.plugins.pod.masquerade;

import static dev.multipool.api.PoolKind.CILIUM_POD_IP_POOL;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.IpamException;
import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.PoolName;
import dev.multipool.testkit.TestPoolCatalog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Spec P4 and scenarios S34–S39: the pod masquerade policy. */
class PodMasqueradePolicyTest {

    private static final PoolName DEFAULT = PoolName.of("default");

    /** The fixture of 7.6: default, blue, red (annotated) and green, each with one /24. */
    private static TestPoolCatalog fixture(boolean defaultAnnotated) {
        var defaultPool = pool("default").ipv4("10.0.0.0/24", 24);
        if (defaultAnnotated) {
            defaultPool.annotation("ipam.cilium.io/skip-masquerade", "true");
        }
        return TestPoolCatalog.synced(CILIUM_POD_IP_POOL, defaultPool.build(),
                pool("blue").ipv4("10.0.1.0/24", 24).build(),
                pool("red").ipv4("10.0.2.0/24", 24).annotation("ipam.cilium.io/skip-masquerade", "true").build(),
                pool("green").ipv4("10.0.3.0/24", 24).build());
    }

    @Test
    @DisplayName("S34: flag on, pool blue skips masquerading")
    void s34FlagOnNonDefaultPoolSkips() {
        assertThat(new PodMasqueradePolicy(fixture(false), DEFAULT, true).skipMasquerade(PoolName.of("blue"))).isTrue();
    }

    @Test
    @DisplayName("S34: flag on, a non-default pool skips without any lookup, even when absent from the table")
    void s34FlagOnDoesNotLookUp() {
        var policy = new PodMasqueradePolicy(new TestPoolCatalog(CILIUM_POD_IP_POOL), DEFAULT, true);

        assertThat(policy.skipMasquerade(PoolName.of("orange"))).isTrue();
    }

    @Test
    @DisplayName("S35: flag on, pool default does not skip masquerading")
    void s35FlagOnDefaultPoolMasquerades() {
        assertThat(new PodMasqueradePolicy(fixture(false), DEFAULT, true).skipMasquerade(DEFAULT)).isFalse();
    }

    @Test
    @DisplayName("S35: flag on, allocations from default still need the default pool in the table")
    void s35FlagOnDefaultPoolNeedsTheTable() {
        var policy = new PodMasqueradePolicy(new TestPoolCatalog(CILIUM_POD_IP_POOL), DEFAULT, true);

        assertThatThrownBy(() -> policy.skipMasquerade(DEFAULT))
                .isInstanceOf(MasqueradePolicyException.class)
                .hasMessage("IP pool 'default' not found in stateDB table");
    }

    @Test
    @DisplayName("S36: flag off, pool red (annotated) skips masquerading")
    void s36AnnotatedPoolSkips() {
        assertThat(new PodMasqueradePolicy(fixture(false), DEFAULT, false).skipMasquerade(PoolName.of("red"))).isTrue();
    }

    @Test
    @DisplayName("S37: flag off, an annotated default pool skips masquerading")
    void s37AnnotatedDefaultPoolSkips() {
        assertThat(new PodMasqueradePolicy(fixture(true), DEFAULT, false).skipMasquerade(DEFAULT)).isTrue();
    }

    @Test
    @DisplayName("S38: flag off, pool green does not skip masquerading")
    void s38PlainPoolMasquerades() {
        assertThat(new PodMasqueradePolicy(fixture(false), DEFAULT, false).skipMasquerade(PoolName.of("green"))).isFalse();
    }

    @Test
    @DisplayName("P4: only the exact value \"true\" skips masquerading")
    void p4OnlyExactTrueSkips() {
        var catalog = TestPoolCatalog.synced(CILIUM_POD_IP_POOL, 
                pool("caps").ipv4("10.0.4.0/24", 24).annotation("ipam.cilium.io/skip-masquerade", "True").build());

        assertThat(new PodMasqueradePolicy(catalog, DEFAULT, false).skipMasquerade(PoolName.of("caps"))).isFalse();
    }

    @Test
    @DisplayName("S39: flag off, pool orange absent from the table fails with Cilium's text, naming the pool")
    void s39AbsentPoolFails() {
        var policy = new PodMasqueradePolicy(fixture(false), DEFAULT, false);

        assertThatThrownBy(() -> policy.skipMasquerade(PoolName.of("orange")))
                .isInstanceOf(MasqueradePolicyException.class)
                .hasMessage("IP pool 'orange' not found in stateDB table")
                .satisfies(e -> assertThat(((IpamException) e).pool()).contains(PoolName.of("orange")));
    }

    @Test
    @DisplayName("S39: the answer follows the table: once orange appears, it is decided")
    void s39PoolAppearingLaterIsDecided() {
        TestPoolCatalog catalog = fixture(false);
        var policy = new PodMasqueradePolicy(catalog, DEFAULT, false);
        assertThatThrownBy(() -> policy.skipMasquerade(PoolName.of("orange"))).isInstanceOf(MasqueradePolicyException.class);

        catalog.put(pool("orange").ipv4("10.0.9.0/24", 24).annotation("ipam.cilium.io/skip-masquerade", "true").build());

        assertThat(policy.skipMasquerade(PoolName.of("orange"))).isTrue();
    }
}
