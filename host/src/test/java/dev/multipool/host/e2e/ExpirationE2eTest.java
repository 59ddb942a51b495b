package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Family;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Expiration timers through the real dual-stack host (spec A5.7, S54), with the 10-minute timeout
 * shortened to {@link #TIMEOUT} through the injected runtime settings.
 */
class ExpirationE2eTest {

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final Map<String, String> EXPIRING = Map.of("expiration", "true");

    @TempDir
    static Path dir;

    private static E2eHost host;

    @BeforeAll
    static void start() {
        host = E2eHost.in(dir).dualStack().expiration(TIMEOUT)
                .flags("--e2e-pod-pre-allocation", "default=2,v6only=2").start();
        host.awaitCidr("pod", "v6only", Family.IPV6);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static JsonNode allocate(String owner) {
        HttpReply reply = host.send("POST", "/v1/ipam?owner=" + owner, EXPIRING);
        assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
        return E2eHost.json(reply);
    }

    private static boolean holds(Family family, String ip, String owner) {
        return owner.equals(host.allocations("pod", "default", family).get(ip));
    }

    @Test
    @DisplayName("S54: expiration: true returns a UUID per family; unconfirmed addresses are released at the deadline")
    void unconfirmedAddressesExpire() {
        JsonNode body = allocate("ns/unconfirmed");

        for (Family family : Family.values()) {
            String uuid = body.get("address").get(family.wireName() + "-expiration-uuid").asString();
            assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(body.get(family.wireName()).get("expiration-uuid").asString()).isEqualTo(uuid);
            assertThat(holds(family, body.get("address").get(family.wireName()).asString(), "ns/unconfirmed")).isTrue();
        }
        assertThat(body.get("address").get("ipv4-expiration-uuid").asString())
                .isNotEqualTo(body.get("address").get("ipv6-expiration-uuid").asString());
        await().atMost(TIMEOUT.multipliedBy(10)).until(() ->
                !host.allocations("pod", "default", Family.IPV4).containsValue("ns/unconfirmed")
                        && !host.allocations("pod", "default", Family.IPV6).containsValue("ns/unconfirmed"));
    }

    @Test
    @DisplayName("S54: stopping with a wrong UUID is 409 and changes nothing; the right UUID stops it (200); again is 404")
    void stopTimer() {
        JsonNode body = allocate("ns/confirmed");
        String ip = body.get("address").get("ipv4").asString();
        String uuid = body.get("address").get("ipv4-expiration-uuid").asString();

        HttpReply wrong = host.delete("/v1/ipam/" + ip + "/expiration?pool=default&uuid=00000000-0000-0000-0000-000000000000");
        assertThat(wrong.status()).as(wrong.bodyText()).isEqualTo(409);
        HttpReply right = host.delete("/v1/ipam/" + ip + "/expiration?pool=default&uuid=" + uuid);
        assertThat(right.status()).as(right.bodyText()).isEqualTo(200);
        assertThat(host.delete("/v1/ipam/" + ip + "/expiration?pool=default&uuid=" + uuid).status()).isEqualTo(404);

        String ipv6 = body.get("address").get("ipv6").asString();
        // the IPv4 timer is stopped, the IPv6 one is not: only IPv6 expires
        await().atMost(TIMEOUT.multipliedBy(10)).until(() -> !holds(Family.IPV6, ipv6, "ns/confirmed"));
        await().during(TIMEOUT).atMost(TIMEOUT.multipliedBy(3)).until(() -> holds(Family.IPV4, ip, "ns/confirmed"));
    }

    @Test
    @DisplayName("A5.7: an address allocated without expiration has no timer: 404")
    void noTimer() {
        HttpReply reply = host.post("/v1/ipam?family=ipv4&owner=ns/plain");
        String ip = E2eHost.json(reply).get("address").get("ipv4").asString();

        HttpReply stop = host.delete("/v1/ipam/" + ip + "/expiration?pool=default&uuid=anything");

        assertThat(stop.status()).isEqualTo(404);
        assertThat(E2eHost.json(stop).asString()).contains("no expiration timer");
        assertThat(E2eHost.json(reply).get("address").has("ipv4-expiration-uuid")).isFalse();
    }

    @Test
    @DisplayName("A5.7: releasing stops the timer: a later owner of the address is not released by the old timer")
    void releaseStopsTheTimer() {
        JsonNode body = allocate("ns/short-lived");
        String ip = body.get("address").get("ipv4").asString();
        String uuid = body.get("address").get("ipv4-expiration-uuid").asString();

        assertThat(host.delete("/v1/ipam/" + ip + "?pool=default").status()).isEqualTo(200);
        assertThat(host.delete("/v1/ipam/" + ip + "/expiration?pool=default&uuid=" + uuid).status()).isEqualTo(404);
        assertThat(host.post("/v1/ipam/" + ip + "?pool=default&owner=ns/successor").status()).isEqualTo(200);

        await().during(TIMEOUT.plusMillis(200)).atMost(TIMEOUT.multipliedBy(3))
                .until(() -> holds(Family.IPV4, ip, "ns/successor"));
    }

    @Test
    @DisplayName("S53 with expiration: the rolled-back IPv6 address leaves no timer behind")
    void rollbackDropsTheTimer() {
        HttpReply reply = host.send("POST", "/v1/ipam?pool=v6only&owner=ns/rolled-back", EXPIRING);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(host.allocations("pod", "v6only", Family.IPV6)).isEmpty();
        // a later owner of the pool's addresses is not released by a leftover timer
        HttpReply later = host.post("/v1/ipam?pool=v6only&family=ipv6&owner=ns/later");
        String ip = E2eHost.json(later).get("address").get("ipv6").asString();
        assertThat(host.delete("/v1/ipam/" + ip + "/expiration?pool=v6only&uuid=x").status()).isEqualTo(404);
        await().during(TIMEOUT.plusMillis(200)).atMost(TIMEOUT.multipliedBy(3))
                .until(() -> "ns/later".equals(host.allocations("pod", "v6only", Family.IPV6).get(ip)));
    }

    @Test
    @DisplayName("the stop-timer endpoint needs pool and uuid (400)")
    void stopNeedsPoolAndUuid() {
        JsonNode body = allocate("ns/params");
        String ip = body.get("address").get("ipv4").asString();

        assertThat(host.delete("/v1/ipam/" + ip + "/expiration?uuid=x").status()).isEqualTo(400);
        assertThat(host.delete("/v1/ipam/" + ip + "/expiration?pool=default").status()).isEqualTo(400);
        assertThat(host.send("POST", "/v1/ipam?owner=ns/bad-header", Map.of("expiration", "maybe")).status())
                .isEqualTo(400);
    }
}
