package dev.multipool.plugins.dra.claims;

import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.NOW;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.POOL;
import static dev.multipool.plugins.dra.testing.Claims.handle;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.testkit.TestClock;
import dev.multipool.testkit.TestConsumerIpam;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spec D4 with Cilium's own timing ({@link BackoffPolicy#DEFAULT}), without waiting for it: the
 * reconciler is driven attempt by attempt on the fixture's clock and tells when it wants the next
 * one; claim events come between the attempts as they do on a busy claim.
 */
class ClaimReconcilerBackoffTest {

    private static final String OWNER = "default/slow/eth1";

    @RegisterExtension
    final ClaimControllerFixture fixture = new ClaimControllerFixture();
    private final TestConsumerIpam ipam = fixture.context().testIpam();
    private final TestClock clock = fixture.clock();
    private ClaimReconciler reconciler;
    private ResourceClaim claim;
    private ClaimKey key;

    /** A claim whose device waits: its pool offers no IPv6 address for as long as the test runs. */
    @BeforeEach
    void waitingDevice() {
        reconciler = fixture.reconciler(BackoffPolicy.DEFAULT);
        ipam.notReadyFor(POOL, Family.IPV6, 1000);
        claim = fixture.onePoolDevice("slow", "eth1");
        key = ClaimKey.of(claim);
    }

    private long ipv6Attempts(String owner) {
        return ipam.calls().stream().filter(call -> call.equals("next " + POOL + " ipv6 " + owner)).count();
    }

    @Test
    @DisplayName("D4: while the pool is not ready the retries come 1 s, 2 s, 4 s, ... apart; the 25th failed attempt "
            + "gives the device up with condition PoolNotReady and releases what it held")
    void exponentialBackoffOf25Attempts() {
        List<Duration> delays = new ArrayList<>();
        Optional<Instant> due = reconciler.reconcile(key, claim, ReconcileTrigger.EVENT);
        for (int attempt = 1; attempt < 25; attempt++) {
            delays.add(Duration.between(clock.instant(), due.orElseThrow()));
            clock.set(due.get());
            due = reconciler.reconcile(key, claim, ReconcileTrigger.retry(due.get()));
            if (attempt == 1) {
                assertThat(fixture.entry("slow", "eth1")).as("no entry while attempts remain").isNull();
                assertThat(ipam.allocationsOf(OWNER)).extracting(held -> held.family()).containsExactly(Family.IPV4);
            }
        }

        assertThat(delays).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16)).hasSize(24).isSorted();
        assertThat(due).as("no retry after the 25th attempt").isEmpty();
        AllocatedDeviceStatus entry = fixture.entry("slow", "eth1");
        Condition ready = entry.getConditions().get(0);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("PoolNotReady");
        assertThat(ready.getMessage()).contains("gave up after 25 attempts");
        assertThat(ipam.allocationsOf(OWNER)).isEmpty();
        assertThat(ipv6Attempts(OWNER)).isEqualTo(25);
    }

    @Test
    @DisplayName("D4: claim events before a device's retry is due spend none of its attempts; each retry still comes "
            + "at its due time and the device is given up only after 25 real attempts, about 10 minutes on")
    void claimEventsSpendNoAttempts() {
        Optional<Instant> due = reconciler.reconcile(key, claim, ReconcileTrigger.EVENT);
        assertThat(due).contains(NOW.plusSeconds(1));
        int attempts = 1;
        while (due.isPresent()) {
            for (int event = 0; event < 10; event++) {
                clock.advance(Duration.ofMillis(10));
                assertThat(reconciler.reconcile(key, claim, ReconcileTrigger.EVENT)).as("events keep the due time")
                        .isEqualTo(due);
            }
            assertThat(ipv6Attempts(OWNER)).as("attempts after %s events", 10 * attempts).isEqualTo(attempts);
            assertThat(fixture.entry("slow", "eth1")).as("not given up").isNull();
            // the timer fires a moment before the clock shows its instant: still due
            clock.set(due.get().minusMillis(1));
            due = reconciler.reconcile(key, claim, ReconcileTrigger.retry(due.get()));
            attempts++;
        }

        assertThat(attempts).isEqualTo(25);
        assertThat(ipv6Attempts(OWNER)).isEqualTo(25);
        assertThat(Duration.between(NOW, clock.instant())).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(11));
        assertThat(fixture.entry("slow", "eth1").getConditions().get(0).getMessage())
                .contains("gave up after 25 attempts");
        assertThat(reconciler.reconcile(key, claim, ReconcileTrigger.EVENT)).as("given up: no timer").isEmpty();
        assertThat(ipv6Attempts(OWNER)).as("a given-up device is not tried on events").isEqualTo(25);
    }

    @Test
    @DisplayName("D4: a waiting device is tried at once, before its retry is due, when the pool catalog changes, when "
            + "its pool has become ready, or when its parameters change")
    void waitingDeviceTriedAtOnceWhenSomethingChanged() {
        assertThat(reconciler.reconcile(key, claim, ReconcileTrigger.EVENT)).contains(NOW.plusSeconds(1));

        assertThat(reconciler.reconcile(key, claim, ReconcileTrigger.POOLS_CHANGED)).as("tried before due")
                .contains(NOW.plusSeconds(2));
        assertThat(ipv6Attempts(OWNER)).isEqualTo(2);

        ResourceClaim moved = fixture.onePoolDevice("moved", "eth1");
        ClaimKey movedKey = ClaimKey.of(moved);
        reconciler.reconcile(movedKey, moved, ReconcileTrigger.EVENT);
        assertThat(ipv6Attempts("default/moved/eth1")).isEqualTo(1);
        ResourceClaim changed = withParameters("moved", Map.of("ip-pool", POOL, "ipv6Addr", "fd00:99::5"));
        assertThat(reconciler.reconcile(movedKey, changed, ReconcileTrigger.EVENT)).as("new parameters: served")
                .isEmpty();
        assertThat(fixture.entry("moved", "eth1").getNetworkData().getIps()).contains("fd00:99::5/128");

        ipam.notReadyFor(POOL, Family.IPV6, 0);
        assertThat(reconciler.reconcile(key, claim, ReconcileTrigger.EVENT)).as("pool ready: served").isEmpty();
        assertThat(fixture.entry("slow", "eth1").getNetworkData().getIps()).hasSize(2);
        assertThat(ipv6Attempts(OWNER)).isEqualTo(3);
    }

    /** Changes the opaque parameters of a stored claim, as a status write by the scheduler would. */
    private ResourceClaim withParameters(String name, Map<String, Object> parameters) {
        ResourceClaim claim = handle(fixture.client(), name).get();
        claim.getStatus().getAllocation().getDevices().getConfig().get(0).getOpaque().setParameters(parameters);
        return fixture.client().resource(claim).updateStatus();
    }
}
