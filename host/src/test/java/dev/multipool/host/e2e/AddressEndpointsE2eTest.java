package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/ipam/{ip}} and {@code DELETE /v1/ipam/{ip}} through the real IPv4-only host:
 * every documented status code, each failure leaving the consumer's allocations unchanged.
 */
class AddressEndpointsE2eTest {

    @TempDir
    static Path dir;

    private static E2eHost host;
    private static Cidr cidr;

    @BeforeAll
    static void start() {
        host = E2eHost.in(dir).start();
        cidr = Cidr.parse(host.cidrs("pod", "default", Family.IPV4).get(0));
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** The n-th address of the delegated /24 (n = 0 is its network address, 255 its last). */
    private static String nth(int n) {
        return cidr.network().plus(n).toString();
    }

    @Test
    @DisplayName("specific address: 200 and the owner is recorded; the same address again is 409 and keeps the owner")
    void specificThenDuplicate() {
        HttpReply first = host.post("/v1/ipam/" + nth(10) + "?pool=default&owner=ns/first");

        assertThat(first.status()).as(first.bodyText()).isEqualTo(200);
        assertThat(host.allocations("pod", "default", Family.IPV4)).containsEntry(nth(10), "ns/first");

        HttpReply second = host.post("/v1/ipam/" + nth(10) + "?pool=default&owner=ns/second");

        assertThat(second.status()).isEqualTo(409);
        assertThat(E2eHost.json(second).asString()).contains(nth(10));
        assertThat(host.allocations("pod", "default", Family.IPV4)).containsEntry(nth(10), "ns/first");
    }

    @Test
    @DisplayName("S52: 400 for an address outside every delegated CIDR, the CIDR's network address and its last address")
    void notAllocatable() {
        Map<String, String> before = host.allocations("pod", "default", Family.IPV4);
        for (String ip : new String[] {nth(0), nth(255), "10.10.200.1", "192.0.2.1"}) {
            HttpReply reply = host.post("/v1/ipam/" + ip + "?pool=default&owner=ns/outside");

            assertThat(reply.status()).as("%s: %s", ip, reply.bodyText()).isEqualTo(400);
            assertThat(E2eHost.json(reply).isString()).isTrue();
        }
        assertThat(host.allocations("pod", "default", Family.IPV4)).isEqualTo(before);
        assertThat(host.post("/v1/ipam/" + nth(1) + "?pool=default&owner=ns/first-usable").status()).isEqualTo(200);
        assertThat(host.post("/v1/ipam/" + nth(254) + "?pool=default&owner=ns/last-usable").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("P10: 400 \"pool name must be provided\" for a specific address without pool")
    void specificWithoutPool() {
        HttpReply reply = host.post("/v1/ipam/" + nth(20) + "?owner=ns/nopool");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(E2eHost.json(reply).asString()).isEqualTo("pool name must be provided");
        assertThat(host.allocations("pod", "default", Family.IPV4)).doesNotContainKey(nth(20));
    }

    @Test
    @DisplayName("release: 200 frees the address, a second release is 404, an address never allocated (in a CIDR or not) is 404")
    void release() {
        assertThat(host.post("/v1/ipam/" + nth(30) + "?pool=default&owner=ns/gone").status()).isEqualTo(200);

        HttpReply released = host.delete("/v1/ipam/" + nth(30) + "?pool=default");

        assertThat(released.status()).as(released.bodyText()).isEqualTo(200);
        assertThat(host.allocations("pod", "default", Family.IPV4)).doesNotContainKey(nth(30));
        assertThat(host.delete("/v1/ipam/" + nth(30) + "?pool=default").status()).isEqualTo(404);
        assertThat(host.delete("/v1/ipam/" + nth(31) + "?pool=default").status()).isEqualTo(404);
        assertThat(host.delete("/v1/ipam/192.0.2.7?pool=default").status()).isEqualTo(404);
        assertThat(host.delete("/v1/ipam/" + nth(31) + "?pool=nowhere").status()).isEqualTo(404);
        // freed for real: another owner can take it
        assertThat(host.post("/v1/ipam/" + nth(30) + "?pool=default&owner=ns/next").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("P10: release without pool is 400 \"no IPAM pool provided for IP release\" and releases nothing")
    void releaseWithoutPool() {
        assertThat(host.post("/v1/ipam/" + nth(40) + "?pool=default&owner=ns/kept").status()).isEqualTo(200);

        HttpReply reply = host.delete("/v1/ipam/" + nth(40));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(E2eHost.json(reply).asString()).isEqualTo("no IPAM pool provided for IP release");
        assertThat(host.allocations("pod", "default", Family.IPV4)).containsEntry(nth(40), "ns/kept");
    }

    @Test
    @DisplayName("501 for IPv6 on an IPv4-only host, on every IPAM endpoint")
    void familyDisabled() {
        assertThat(host.post("/v1/ipam?family=ipv6&owner=ns/v6").status()).isEqualTo(501);
        assertThat(host.post("/v1/ipam/fd00:10::5?pool=default&owner=ns/v6").status()).isEqualTo(501);
        assertThat(host.delete("/v1/ipam/fd00:10::5?pool=default").status()).isEqualTo(501);
        assertThat(host.delete("/v1/ipam/fd00:10::5/expiration?pool=default&uuid=x").status()).isEqualTo(501);
        assertThat(host.post("/v1/consumers/dra/ipam?family=ipv6&pool=default").status()).isEqualTo(501);
        assertThat(host.detail("pod").get("pools").toString()).doesNotContain("ipv6");
    }

    @Test
    @DisplayName("400 for addresses that are not strict IP literals, checked before the family")
    void invalidAddresses() {
        for (String ip : new String[] {"1.2.3", "010.10.0.1", "0x0a.10.0.1", "10.10.0.256", "fe80::1%25eth0", "not-an-ip"}) {
            HttpReply post = host.post("/v1/ipam/" + ip + "?pool=default&owner=ns/bad");
            HttpReply delete = host.delete("/v1/ipam/" + ip + "?pool=default");

            assertThat(post.status()).as("POST %s: %s", ip, post.bodyText()).isEqualTo(400);
            assertThat(delete.status()).as("DELETE %s: %s", ip, delete.bodyText()).isEqualTo(400);
        }
    }
}
