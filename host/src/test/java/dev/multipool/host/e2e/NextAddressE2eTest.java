package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/ipam} through the real dual-stack host: one family, both families in IPv6-then-IPv4
 * order with rollback (spec P8, S53), the IPAMResponse shape, skip-masquerade, and the 502 family
 * of allocation failures.
 */
class NextAddressE2eTest {

    @TempDir
    static Path dir;

    private static E2eHost host;

    @BeforeAll
    static void start() {
        host = E2eHost.in(dir).dualStack()
                .flags("--e2e-pod-pre-allocation", "default=2,v6only=2,tiny=1,masq=1")
                .start();
        host.awaitCidr("pod", "v6only", Family.IPV6);
        host.awaitCidr("pod", "tiny", Family.IPV4);
        host.awaitCidr("pod", "masq", Family.IPV4);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    @DisplayName("P8: no family allocates both, each from the selected pool, with the delegated CIDR and host addressing")
    void bothFamilies() {
        HttpReply reply = host.post("/v1/ipam?owner=ns/both");

        assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
        JsonNode body = E2eHost.json(reply);
        for (Family family : Family.values()) {
            String ip = body.get("address").get(family.wireName()).asString();
            assertThat(body.get("address").get(family.wireName() + "-pool-name").asString()).isEqualTo("default");
            JsonNode part = body.get(family.wireName());
            assertThat(part.get("ip").asString()).isEqualTo(ip);
            assertThat(part.get("skip-masquerade").isBoolean()).isTrue();
            assertThat(part.get("skip-masquerade").asBoolean()).isFalse();
            assertThat(part.has("expiration-uuid")).isFalse();
            List<String> cidrs = new ArrayList<>();
            part.get("cidrs").forEach(cidr -> cidrs.add(cidr.asString()));
            assertThat(cidrs).hasSize(1);
            assertThat(Cidr.parse(cidrs.get(0)).contains(IpAddress.parse(ip))).isTrue();
            assertThat(host.cidrs("pod", "default", family)).contains(cidrs.get(0));
            assertThat(host.allocations("pod", "default", family)).containsEntry(ip, "ns/both");
            JsonNode addressing = body.get("host-addressing").get(family.wireName());
            assertThat(addressing.get("enabled").asBoolean()).isTrue();
        }
        assertThat(body.get("address").has("ipv4-expiration-uuid")).isFalse();
    }

    @Test
    @DisplayName("family=ipv4 / family=ipv6 allocate that family only")
    void oneFamily() {
        for (Family family : Family.values()) {
            HttpReply reply = host.post("/v1/ipam?family=" + family.wireName() + "&owner=ns/one-" + family.wireName());

            assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
            JsonNode body = E2eHost.json(reply);
            Family other = family == Family.IPV4 ? Family.IPV6 : Family.IPV4;
            assertThat(body.has(family.wireName())).isTrue();
            assertThat(body.has(other.wireName())).isFalse();
            assertThat(body.get("address").has(other.wireName())).isFalse();
            String ip = body.get("address").get(family.wireName()).asString();
            assertThat(IpAddress.parse(ip).family()).isEqualTo(family);
            assertThat(host.allocations("pod", "default", family)).containsEntry(ip, "ns/one-" + family.wireName());
            assertThat(host.allocations("pod", "default", other)).doesNotContainValue("ns/one-" + family.wireName());
        }
    }

    @Test
    @DisplayName("A5.2/A5.3: owner is optional: without it POST /v1/ipam is 201 and POST /v1/ipam/{ip} 200, recorded"
            + " with an empty owner and released like any other address")
    void ownerIsOptional() {
        HttpReply next = host.post("/v1/ipam?family=ipv4");

        assertThat(next.status()).as(next.bodyText()).isEqualTo(201);
        String ip = E2eHost.json(next).get("address").get("ipv4").asString();
        assertThat(host.allocations("pod", "default", Family.IPV4)).containsEntry(ip, "");
        IpAddress network = Cidr.parse(host.cidrs("pod", "default", Family.IPV6).get(0)).network();
        String specific = network.plus(1).toString();
        for (long offset = 2; host.allocations("pod", "default", Family.IPV6).containsKey(specific); offset++) {
            specific = network.plus(offset).toString();
        }
        HttpReply allocate = host.post("/v1/ipam/" + specific + "?pool=default");
        assertThat(allocate.status()).as(allocate.bodyText()).isEqualTo(200);
        assertThat(host.allocations("pod", "default", Family.IPV6)).containsEntry(specific, "");

        assertThat(host.delete("/v1/ipam/" + ip + "?pool=default").status()).isEqualTo(200);
        assertThat(host.delete("/v1/ipam/" + specific + "?pool=default").status()).isEqualTo(200);
        assertThat(host.allocations("pod", "default", Family.IPV4)).doesNotContainKey(ip);
        assertThat(host.allocations("pod", "default", Family.IPV6)).doesNotContainKey(specific);
    }

    @Test
    @DisplayName("S53: IPv6 succeeds, IPv4 is not served by the pool: the IPv6 address is released, 502 with the IPv4 text")
    void dualStackRollback() {
        HttpReply reply = host.post("/v1/ipam?pool=v6only&owner=ns/rollback");

        assertThat(reply.status()).isEqualTo(502);
        assertThat(E2eHost.json(reply).asString())
                .isEqualTo("unable to allocate from pool \"v6only\" (family ipv4): pool not (yet) available");
        assertThat(host.allocations("pod", "v6only", Family.IPV6)).isEmpty();
        assertThat(host.pool("pod", "v6only", Family.IPV6).get("in-use").asLong()).isZero();
        // the pool does serve IPv6 alone, so the dual request did get an IPv6 address before IPv4 failed
        HttpReply v6 = host.post("/v1/ipam?pool=v6only&family=ipv6&owner=ns/v6-alone");
        assertThat(v6.status()).as(v6.bodyText()).isEqualTo(201);
        assertThat(host.allocations("pod", "v6only", Family.IPV6)).containsOnlyKeys(
                E2eHost.json(v6).get("address").get("ipv6").asString());
    }

    @Test
    @DisplayName("P8: IPv6 is tried first: when neither family can be served, the error names IPv6")
    void ipv6First() {
        HttpReply reply = host.post("/v1/ipam?pool=nowhere&owner=ns/nowhere");

        assertThat(reply.status()).isEqualTo(502);
        assertThat(E2eHost.json(reply).asString())
                .isEqualTo("unable to allocate from pool \"nowhere\" (family ipv6): pool not (yet) available");
    }

    @Test
    @DisplayName("skip-masquerade is true for a pool annotated ipam.cilium.io/skip-masquerade")
    void skipMasquerade() {
        HttpReply reply = host.post("/v1/ipam?pool=masq&family=ipv4&owner=ns/masq");

        assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
        assertThat(E2eHost.json(reply).get("ipv4").get("skip-masquerade").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("502 when every delegated CIDR of the pool is exhausted; a release makes room again")
    void exhausted() {
        List<String> taken = new ArrayList<>();
        HttpReply reply;
        while ((reply = host.post("/v1/ipam?pool=tiny&family=ipv4&owner=ns/tiny-" + taken.size())).status() == 201) {
            taken.add(E2eHost.json(reply).get("address").get("ipv4").asString());
            assertThat(taken).hasSizeLessThanOrEqualTo(2);
        }

        assertThat(reply.status()).isEqualTo(502);
        assertThat(E2eHost.json(reply).asString()).contains("pool \"tiny\"").contains("exhausted");
        assertThat(taken).hasSize(2);
        assertThat(host.delete("/v1/ipam/" + taken.get(0) + "?pool=tiny").status()).isEqualTo(200);
        HttpReply again = host.post("/v1/ipam?pool=tiny&family=ipv4&owner=ns/tiny-again");
        assertThat(again.status()).as(again.bodyText()).isEqualTo(201);
        assertThat(E2eHost.json(again).get("address").get("ipv4").asString()).isEqualTo(taken.get(0));
    }

    @Test
    @DisplayName("502 for a consumer without pool selection when no pool is named")
    void selectionError() {
        HttpReply reply = host.post("/v1/consumers/dra/ipam?family=ipv4&owner=ns/claim");

        assertThat(reply.status()).isEqualTo(502);
        assertThat(E2eHost.json(reply).asString()).contains("consumer \"dra\"").contains("pool");
    }
}
