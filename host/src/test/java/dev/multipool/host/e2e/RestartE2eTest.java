package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Restarting the real host on the same state directory: every acknowledged allocation comes back
 * with its owner (spec M41, M42), the node document and its CIDRs survive, an expiration timer
 * keeps its original deadline, and the socket file is created 0660, removed on a clean stop and
 * replaced when a killed process left it behind.
 */
class RestartE2eTest {

    private static final Duration EXPIRATION = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private E2eHost start() {
        return E2eHost.in(dir).expiration(EXPIRATION).start();
    }

    @Test
    @DisplayName("M41: allocations, owners, CIDRs and a running expiration timer survive a restart")
    void allocationsSurviveRestart() throws IOException {
        String next;
        String specific;
        String expiring;
        List<String> cidrs;
        try (E2eHost first = start()) {
            assertThat(Files.getPosixFilePermissions(first.socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
            next = E2eHost.json(first.post("/v1/ipam?owner=ns/kept")).get("address").get("ipv4").asString();
            cidrs = first.cidrs("pod", "default", Family.IPV4);
            specific = Cidr.parse(cidrs.get(0)).network().plus(next.endsWith(".200") ? 201 : 200).toString();
            assertThat(first.post("/v1/ipam/" + specific + "?pool=default&owner=ns/specific").status()).isEqualTo(200);
            HttpReply timed = first.send("POST", "/v1/ipam?owner=ns/unconfirmed", Map.of("expiration", "true"));
            expiring = E2eHost.json(timed).get("address").get("ipv4").asString();
            first.awaitDemandPublished("pod", "pools");
        }
        assertThat(dir.resolve("run/api.sock")).as("removed on a clean stop").doesNotExist();

        try (E2eHost second = start()) {
            JsonNode detail = second.detail("pod");
            assertThat(detail.get("restore").get("ipv4").asString()).isEqualTo("finished");
            assertThat(second.allocations("pod", "default", Family.IPV4))
                    .containsEntry(next, "ns/kept").containsEntry(specific, "ns/specific")
                    .containsEntry(expiring, "ns/unconfirmed");
            assertThat(second.cidrs("pod", "default", Family.IPV4)).isEqualTo(cidrs);
            assertThat(second.post("/v1/ipam/" + next + "?pool=default&owner=ns/thief").status()).isEqualTo(409);
            // the restored timer still fires, at its original deadline
            await().atMost(EXPIRATION.multipliedBy(5)).until(() ->
                    !second.allocations("pod", "default", Family.IPV4).containsKey(expiring));
            assertThat(second.allocations("pod", "default", Family.IPV4)).containsKeys(next, specific);
            assertThat(second.delete("/v1/ipam/" + next + "?pool=default").status()).isEqualTo(200);
        }

        try (E2eHost third = start()) {
            assertThat(third.allocations("pod", "default", Family.IPV4)).containsOnlyKeys(specific);
        }
    }

    @Test
    @DisplayName("A5.7: a timer stopped before a restart stays stopped; an address released before it stays free")
    void stoppedTimerStaysStopped() {
        String confirmed;
        String released;
        try (E2eHost first = start()) {
            JsonNode body = E2eHost.json(first.send("POST", "/v1/ipam?owner=ns/confirmed", Map.of("expiration", "true")));
            confirmed = body.get("address").get("ipv4").asString();
            String uuid = body.get("address").get("ipv4-expiration-uuid").asString();
            assertThat(first.delete("/v1/ipam/" + confirmed + "/expiration?pool=default&uuid=" + uuid).status())
                    .isEqualTo(200);
            released = E2eHost.json(first.send("POST", "/v1/ipam?owner=ns/released", Map.of("expiration", "true")))
                    .get("address").get("ipv4").asString();
            assertThat(first.delete("/v1/ipam/" + released + "?pool=default").status()).isEqualTo(200);
        }

        try (E2eHost second = start()) {
            assertThat(second.allocations("pod", "default", Family.IPV4))
                    .containsEntry(confirmed, "ns/confirmed").doesNotContainKey(released);
            assertThat(second.delete("/v1/ipam/" + confirmed + "/expiration?pool=default&uuid=x").status())
                    .as("no timer after the restart").isEqualTo(404);
            await().during(EXPIRATION.plusMillis(300)).atMost(EXPIRATION.multipliedBy(3))
                    .until(() -> "ns/confirmed".equals(second.allocations("pod", "default", Family.IPV4).get(confirmed)));
        }
    }

    @Test
    @DisplayName("a socket file left by a killed host is replaced at start")
    void staleSocketReplaced() throws IOException {
        Path socket = Files.createDirectories(dir.resolve("run")).resolve("api.sock");
        try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            killed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();

        try (E2eHost host = start()) {
            assertThat(host.post("/v1/ipam?owner=ns/after-crash").status()).isEqualTo(201);
        }
    }
}
