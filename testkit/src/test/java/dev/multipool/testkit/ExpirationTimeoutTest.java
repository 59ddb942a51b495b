package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The kit's timing settings reach the host (here the expiration timeout, spec A5.7, shortened from
 * 10 minutes), and the client's expiration and encoding helpers speak the REST contract.
 */
class ExpirationTimeoutTest {

    private static final Duration EXPIRATION = Duration.ofMillis(600);

    @RegisterExtension
    static final MultipoolHostExtension HOST = MultipoolHostExtension.builder()
            .pluginJar(DemoPlugins.DEMO)
            .option("demo-pre-allocation", "default=4")
            .expirationTimeout(EXPIRATION)
            .build();

    private static JsonNode allocations(HostClient client) {
        return client.consumer("demo").expectStatus(200).json().at("/pools/0/ipv4/allocations");
    }

    @Test
    @DisplayName("A5.7: an unconfirmed address is released after the kit's expiration timeout; a confirmed one stays")
    void expirationTimeoutIsTheKits(HostClient client) {
        ConsumerIpamClient ipam = client.ipam("demo");
        HostResponse unconfirmed = ipam.allocateNextWithExpiration("ns/unconfirmed", "default", Family.IPV4)
                .expectStatus(201);
        HostResponse confirmed = ipam.allocateNextWithExpiration("ns/confirmed", "default", Family.IPV4)
                .expectStatus(201);
        String dropped = unconfirmed.address(Family.IPV4).orElseThrow();
        String kept = confirmed.address(Family.IPV4).orElseThrow();
        String uuid = confirmed.text("/ipv4/expiration-uuid").orElseThrow();

        assertThat(unconfirmed.text("/ipv4/expiration-uuid")).isPresent();
        ipam.stopExpiration(kept, "default", uuid).expectStatus(200);
        assertThat(ipam.stopExpiration(kept, "default", uuid).status()).as("no timer left").isEqualTo(404);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (allocations(client).has(dropped) && System.nanoTime() < deadline) {
            Pause.sleep(Duration.ofMillis(50));
        }
        assertThat(allocations(client).has(dropped)).as("released after %s", EXPIRATION).isFalse();
        assertThat(allocations(client).path(kept).asString()).isEqualTo("ns/confirmed");
    }

    @Test
    @DisplayName("owners with spaces, plus signs, slashes and non-ASCII text arrive unchanged")
    void ownersArriveUnchanged(HostClient client) {
        String owner = "ns/pod a+b&c=d/é";
        String address = client.ipam("demo").allocateNext(owner, "default", Family.IPV4).expectStatus(201)
                .address(Family.IPV4).orElseThrow();

        assertThat(allocations(client).path(address).asString()).isEqualTo(owner);
        assertThat(client.ipam("demo").release(address, "default").status()).isEqualTo(200);
    }
}
