package dev.multipool.host.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Family;
import dev.multipool.host.restore.StandaloneHost.Allocation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec A5.7 across restarts: an address allocated with an expiration timer and not confirmed is
 * released at its original deadline even if the host restarted in between; a confirmed one
 * (timer stopped) is kept.
 */
class ExpirationRestoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path root;

    @Test
    void A5_7_unconfirmedAddressStillExpiresOnTimeAfterARestartAndAConfirmedOneStays() throws IOException {
        Instant allocatedAfter;
        Allocation unconfirmed;
        Allocation confirmed;
        Allocation plain;
        try (StandaloneHost host = new StandaloneHost(root).expiration(TIMEOUT).start()) {
            plain = host.allocate("plain");
            confirmed = host.allocate("confirmed", Family.IPV4, true);
            assertThat(host.send("DELETE", "/v1/consumers/keeper/ipam/" + confirmed.ip() + "/expiration?pool=default&uuid="
                    + confirmed.expirationUuid(), Map.of()).status()).isEqualTo(200);
            allocatedAfter = Instant.now();
            unconfirmed = host.allocate("unconfirmed", Family.IPV4, true);
            assertThat(unconfirmed.expirationUuid()).isNotBlank();
        }
        // the host stores the deadline at millisecond precision
        Instant deadline = allocatedAfter.truncatedTo(ChronoUnit.MILLIS).plus(TIMEOUT);

        try (StandaloneHost host = new StandaloneHost(root).expiration(TIMEOUT).start()) {
            assertThat(Instant.now()).as("restart must finish before the deadline for this test to mean anything")
                    .isBefore(deadline);
            assertThat(host.allocations(Family.IPV4)).containsEntry(unconfirmed.ip(), "unconfirmed")
                    .containsEntry(confirmed.ip(), "confirmed").containsEntry(plain.ip(), "plain");
            // the restored timer is the one the client was given: stopping it with another UUID is refused
            assertThat(host.send("DELETE", "/v1/consumers/keeper/ipam/" + unconfirmed.ip()
                    + "/expiration?pool=default&uuid=00000000-0000-0000-0000-000000000000", Map.of()).status())
                    .isEqualTo(409);

            await().atMost(TIMEOUT.plusSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !host.allocations(Family.IPV4).containsKey(unconfirmed.ip()));
            assertThat(Instant.now()).as("released at its original deadline, not earlier").isAfterOrEqualTo(deadline);
            assertThat(host.allocations(Family.IPV4)).containsEntry(confirmed.ip(), "confirmed")
                    .containsEntry(plain.ip(), "plain");
        }

        try (StandaloneHost host = new StandaloneHost(root).expiration(TIMEOUT).start()) {
            assertThat(host.allocations(Family.IPV4)).doesNotContainKey(unconfirmed.ip())
                    .containsEntry(confirmed.ip(), "confirmed").containsEntry(plain.ip(), "plain");
        }
    }

    @Test
    void A5_7_aTimerWhoseDeadlinePassedWhileTheHostWasDownFiresRightAfterRestore() throws IOException {
        Allocation unconfirmed;
        Allocation plain;
        try (StandaloneHost host = new StandaloneHost(root).expiration(Duration.ofMinutes(10)).start()) {
            plain = host.allocate("plain");
            unconfirmed = host.allocate("unconfirmed", Family.IPV4, true);
        }
        // the host comes back 11 minutes later (a clock moved forward stands in for the wait)
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11));

        try (StandaloneHost host = new StandaloneHost(root).clock(later).start()) {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !host.allocations(Family.IPV4).containsKey(unconfirmed.ip()));
            assertThat(host.allocations(Family.IPV4)).containsEntry(plain.ip(), "plain");
            assertThat(host.send("DELETE", "/v1/consumers/keeper/ipam/" + unconfirmed.ip() + "/expiration?pool=default&uuid="
                    + unconfirmed.expirationUuid(), Map.of()).status()).isEqualTo(404);
        }
    }
}
