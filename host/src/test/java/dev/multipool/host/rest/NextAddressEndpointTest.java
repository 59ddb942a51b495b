package dev.multipool.host.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.IpamException;
import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.api.PoolSelectionException;
import dev.multipool.host.consumer.NextAddressRequest;
import dev.multipool.host.rest.RecordingIpamService.Call;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/ipam} and {@code POST /v1/consumers/{id}/ipam} (spec A5.2, A5.5, A5.6). */
class NextAddressEndpointTest {

    @RegisterExtension
    final RestFixture rest = new RestFixture();

    @Test
    @DisplayName("A5.2/A5.5: 201 with Cilium's IPAMResponse; skip-masquerade present when false; unknowns omitted")
    void nextAddressOfTheDefaultConsumer() throws Exception {
        HttpReply reply = rest.client.post("/v1/ipam");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("content-type")).contains("application/json");
        assertThat(RestFixture.json(reply)).isEqualTo(RestFixture.json("{"
                + "\"address\":{\"ipv4\":\"10.20.0.7\",\"ipv4-pool-name\":\"default\"},"
                + "\"ipv4\":{\"ip\":\"10.20.0.7\",\"cidrs\":[\"10.20.0.0/26\"],\"skip-masquerade\":false},"
                + "\"host-addressing\":{\"ipv4\":{\"enabled\":true,\"alloc-range\":\"10.20.0.0/16\"},"
                + "\"ipv6\":{\"enabled\":false}}}"));
        assertThat(rest.pod.calls()).containsExactly(new Call("allocateNext",
                List.of(new NextAddressRequest(Optional.empty(), "", Optional.empty(), false))));
    }

    @Test
    @DisplayName("A5.7/A5.5: dual-stack with expiration: UUIDs in the pair and the parts, pool and owner passed on")
    void dualStackWithExpiration() throws Exception {
        rest.dra.skipMasquerade(true);
        rest.dra.expirationUuids("0b3b9d6e-8a8c-4f0e-9d51-1c1a2f1e0001", "0b3b9d6e-8a8c-4f0e-9d51-1c1a2f1e0002");

        HttpReply reply = rest.client.send("POST", "/v1/consumers/dra/ipam?owner=kube-system%2Fcoredns-1&pool=blue",
                Map.of("expiration", "TRUE"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(RestFixture.json(reply)).isEqualTo(RestFixture.json("{"
                + "\"address\":{\"ipv4\":\"10.20.0.7\",\"ipv6\":\"fd00:20::7\","
                + "\"ipv4-pool-name\":\"blue\",\"ipv6-pool-name\":\"blue\","
                + "\"ipv4-expiration-uuid\":\"0b3b9d6e-8a8c-4f0e-9d51-1c1a2f1e0001\","
                + "\"ipv6-expiration-uuid\":\"0b3b9d6e-8a8c-4f0e-9d51-1c1a2f1e0002\"},"
                + "\"ipv4\":{\"ip\":\"10.20.0.7\",\"cidrs\":[\"10.20.0.0/26\"],"
                + "\"expiration-uuid\":\"0b3b9d6e-8a8c-4f0e-9d51-1c1a2f1e0001\",\"skip-masquerade\":true},"
                + "\"ipv6\":{\"ip\":\"fd00:20::7\",\"cidrs\":[\"fd00:20::/120\"],"
                + "\"expiration-uuid\":\"0b3b9d6e-8a8c-4f0e-9d51-1c1a2f1e0002\",\"skip-masquerade\":true},"
                + "\"host-addressing\":{\"ipv4\":{\"enabled\":true,\"alloc-range\":\"10.20.0.0/16\"},"
                + "\"ipv6\":{\"enabled\":true}}}"));
        assertThat(rest.dra.calls()).containsExactly(new Call("allocateNext", List.of(new NextAddressRequest(
                Optional.empty(), "kube-system/coredns-1", Optional.of(PoolName.of("blue")), true))));
        assertThat(rest.pod.calls()).isEmpty();
    }

    @Test
    @DisplayName("A5.2: family, owner and the expiration header are decoded (percent escapes, '+', any case)")
    void parametersAreDecoded() throws Exception {
        HttpReply reply = rest.client.send("POST", "/v1/ipam?family=ipv4&owner=ns%2Fp%C3%B6d+1&pool=",
                Map.of("Expiration", "False"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(RestFixture.json(reply).has("ipv6")).isFalse();
        assertThat(rest.pod.calls()).containsExactly(new Call("allocateNext", List.of(new NextAddressRequest(
                Optional.of(Family.IPV4), "ns/pöd 1", Optional.empty(), false))));
    }

    @Test
    @DisplayName("an owner of exactly 512 bytes of UTF-8 is accepted")
    void ownerAtTheLimit() throws Exception {
        String owner = "ö".repeat(256);
        HttpReply reply = rest.client.post("/v1/ipam?owner=" + "%C3%B6".repeat(256));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(((NextAddressRequest) rest.pod.calls().get(0).arguments().get(0)).owner()).isEqualTo(owner);
    }

    @Test
    @DisplayName("A5.2: a family that is disabled is 501 and reaches no service call")
    void disabledFamilyIs501() throws Exception {
        HttpReply reply = rest.client.post("/v1/ipam?family=ipv6");

        assertThat(reply.status()).isEqualTo(501);
        assertThat(RestFixture.json(reply).stringValue()).isEqualTo("address family ipv6 is disabled on this node");
        assertThat(rest.pod.calls()).isEmpty();
    }

    static Stream<Arguments> allocationFailures() {
        PoolName blue = PoolName.of("blue");
        return Stream.of(
                Arguments.of(new PoolNotReadyException(blue, Family.IPV4, "ns/a"), 502,
                        "unable to allocate from pool \"blue\" (family ipv4): pool not (yet) available"),
                Arguments.of(new PoolExhaustedException(blue, Family.IPV4, "ns/a"), 502,
                        "unable to allocate from pool \"blue\" (family ipv4): all CIDR ranges are exhausted"),
                Arguments.of(new PoolSelectionException("multiple CiliumPodIPPools match pod ns/a (family=ipv4): [a b]",
                        Family.IPV4, "ns/a"), 502, "multiple CiliumPodIPPools match pod ns/a (family=ipv4): [a b]"),
                Arguments.of(new MasqueradePolicyException("IP pool 'blue' not found in stateDB table", blue), 502,
                        "IP pool 'blue' not found in stateDB table"),
                Arguments.of(new FamilyDisabledException(Family.IPV4, null), 501,
                        "address family ipv4 is disabled on this node"),
                Arguments.of(new IpamException("expiration timer already registered"), 500,
                        "expiration timer already registered"),
                Arguments.of(new IllegalStateException("journal closed"), 500, "journal closed"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allocationFailures")
    @DisplayName("A5.2: allocation failures are 502, a disabled family 501, anything else 500; body is the message")
    void failuresMapToTheContractStatus(RuntimeException error, int status, String message) throws Exception {
        rest.pod.failWith(error);

        HttpReply reply = rest.client.post("/v1/ipam?family=ipv4&owner=ns%2Fa");

        assertThat(reply.status()).isEqualTo(status);
        assertThat(RestFixture.json(reply).isString()).isTrue();
        assertThat(RestFixture.json(reply).stringValue()).isEqualTo(message);
    }

    @Test
    @DisplayName("an unknown consumer is 404, one still starting 503, no default consumer 404")
    void consumerAvailability() throws Exception {
        HttpReply unknown = rest.client.post("/v1/consumers/nope/ipam");
        HttpReply starting = rest.client.post("/v1/consumers/late/ipam");
        rest.directory.defaultConsumer(null);
        HttpReply noDefault = rest.client.post("/v1/ipam");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(RestFixture.json(unknown).stringValue()).isEqualTo("no consumer \"nope\" is enabled on this host");
        assertThat(starting.status()).isEqualTo(503);
        assertThat(RestFixture.json(starting).stringValue())
                .isEqualTo("consumer \"late\" is not serving: starting (waiting for gate cidrs-present)");
        assertThat(noDefault.status()).isEqualTo(404);
        assertThat(RestFixture.json(noDefault).stringValue()).startsWith("no default consumer");
        assertThat(rest.pod.calls()).isEmpty();
        assertThat(rest.dra.calls()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "/v1/ipam?family=ipv5",
        "/v1/ipam?family=IPv4",
        "/v1/ipam?family=ipv4&family=ipv4",
        "/v1/ipam?pool=Blue_1",
        "/v1/ipam?pool=-blue",
        "/v1/ipam?owner=%zz",
        "/v1/ipam?owner=%ff%fe",
        "/v1/ipam?pools=blue",
        "/v1/consumers/dra/ipam?family=ipv7",
    })
    @DisplayName("malformed parameters are 400 and reach nothing")
    void malformedParameters(String target) throws Exception {
        HttpReply reply = rest.client.post(target);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(RestFixture.json(reply).isString()).isTrue();
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    @DisplayName("owner above 512 bytes, pool above 253 characters and a bad expiration header are 400")
    void limitsAndHeader() throws Exception {
        HttpReply longOwner = rest.client.post("/v1/ipam?owner=" + "a".repeat(513));
        HttpReply longMultibyteOwner = rest.client.post("/v1/ipam?owner=" + "%C3%B6".repeat(257));
        HttpReply longPool = rest.client.post("/v1/ipam?pool=" + "a".repeat(254));
        HttpReply badHeader = rest.client.send("POST", "/v1/ipam", Map.of("expiration", "yes"));

        assertThat(longOwner.status()).isEqualTo(400);
        assertThat(RestFixture.json(longOwner).stringValue()).contains("513 bytes", "512");
        assertThat(longMultibyteOwner.status()).isEqualTo(400);
        assertThat(RestFixture.json(longMultibyteOwner).stringValue()).contains("514 bytes");
        assertThat(longPool.status()).isEqualTo(400);
        assertThat(RestFixture.json(longPool).stringValue()).contains("invalid pool name", "253");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(RestFixture.json(badHeader).stringValue())
                .isEqualTo("invalid value \"yes\" for header \"expiration\": must be true or false");
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    @DisplayName("specific error texts: bad family, repeated and unknown parameters")
    void errorTexts() throws Exception {
        assertThat(RestFixture.json(rest.client.post("/v1/ipam?family=ipv5")).stringValue())
                .isEqualTo("invalid family \"ipv5\": must be ipv4 or ipv6");
        assertThat(RestFixture.json(rest.client.post("/v1/ipam?pool=a&pool=b")).stringValue())
                .isEqualTo("query parameter \"pool\" is given more than once");
        assertThat(RestFixture.json(rest.client.post("/v1/ipam?pools=blue")).stringValue())
                .isEqualTo("unknown query parameter \"pools\" (allowed: family, owner, pool)");
    }
}
