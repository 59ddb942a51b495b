package dev.multipool.plugins.dra.claims;

import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.DRIVER;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.NODE;
import static dev.multipool.plugins.dra.claims.ClaimControllerFixture.POOL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import dev.multipool.plugins.dra.pools.PoolPlacement;
import dev.multipool.testkit.TestConsumerContext;
import dev.multipool.testkit.TestConsumerIpam;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Spec D4 with Cilium's own timing ({@link BackoffPolicy#DEFAULT}), without waiting for it: the
 * reconciler is driven attempt by attempt and tells when it wants the next one.
 */
class ClaimReconcilerBackoffTest {

    @RegisterExtension
    final ClaimControllerFixture fixture = new ClaimControllerFixture();

    @Test
    @DisplayName("D4: while the pool is not ready the retries come 1 s, 2 s, 4 s, ... apart; the 25th failed attempt "
            + "gives the device up with condition PoolNotReady and releases what it held")
    void exponentialBackoffOf25Attempts() {
        TestConsumerContext context = fixture.context();
        TestConsumerIpam ipam = context.testIpam();
        ipam.notReadyFor(POOL, Family.IPV6, 1000);
        PoolPlacement placement = new PoolPlacement(context.pools(PoolKind.CILIUM_RESOURCE_IP_POOL), NODE,
                () -> ipam.node().map(ResourceDocument::labels));
        ClaimReconciler reconciler = new ClaimReconciler(new ClaimDevices(DRIVER),
                new DeviceAddressing(ipam, placement, context.enabledFamilies(), NODE),
                new DeviceStatusEntries(DRIVER, context.clock()), new ClaimStatusWriter(fixture.client()), ipam,
                BackoffPolicy.DEFAULT, NODE, Map::of, context.clock(), ClaimController.DEFAULT_RESYNC);
        ResourceClaim claim = fixture.onePoolDevice("slow", "eth1");
        ClaimKey key = ClaimKey.of(claim);

        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt < 25; attempt++) {
            delays.add(reconciler.reconcile(key, claim).orElseThrow());
        }

        assertThat(delays).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16)).hasSize(24);
        assertThat(delays).isSorted();
        assertThat(fixture.entry("slow", "eth1")).as("no entry while attempts remain").isNull();
        assertThat(ipam.allocationsOf("default/slow/eth1")).extracting(held -> held.family())
                .containsExactly(Family.IPV4);

        Optional<Duration> last = reconciler.reconcile(key, claim);

        assertThat(last).as("no retry after the 25th attempt").isEmpty();
        AllocatedDeviceStatus entry = fixture.entry("slow", "eth1");
        Condition ready = entry.getConditions().get(0);
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("PoolNotReady");
        assertThat(ready.getMessage()).contains("gave up after 25 attempts");
        assertThat(ipam.allocationsOf("default/slow/eth1")).isEmpty();
        assertThat(ipam.calls()).filteredOn(call -> call.startsWith("next") && call.contains(" ipv6 ")).hasSize(25);
    }
}
