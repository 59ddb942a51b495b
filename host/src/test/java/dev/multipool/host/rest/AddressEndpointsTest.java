package dev.multipool.host.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotAllocatedException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.IpAddress;
import dev.multipool.api.IpamException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.host.consumer.ExpirationTimerException;
import dev.multipool.host.rest.RecordingIpamService.Call;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /v1/ipam/{ip}}, {@code DELETE /v1/ipam/{ip}} and
 * {@code DELETE /v1/ipam/{ip}/expiration}, default and per consumer (spec A5.3, A5.4, A5.7, P10).
 */
class AddressEndpointsTest {

    private static final IpAddress ADDRESS = IpAddress.parse("10.20.0.9");
    private static final PoolName BLUE = PoolName.of("blue");

    @RegisterExtension
    final RestFixture rest = new RestFixture();

    @Test
    @DisplayName("A5.3: a specific address is 200 with an empty body and reaches the default consumer")
    void allocateSpecific() throws Exception {
        HttpReply reply = rest.client.post("/v1/ipam/10.20.0.9?pool=blue&owner=ns%2Fpod");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        assertThat(rest.pod.calls()).containsExactly(new Call("allocate", List.of(ADDRESS, BLUE, "ns/pod")));
    }

    @Test
    @DisplayName("A5.3/A5.4/A5.7: the same endpoints per consumer, IPv6 in canonical form")
    void perConsumer() throws Exception {
        IpAddress v6 = IpAddress.parse("fd00:20::9");

        assertThat(rest.client.post("/v1/consumers/dra/ipam/fd00:20:0:0::9?pool=blue").status()).isEqualTo(200);
        assertThat(rest.client.delete("/v1/consumers/dra/ipam/fd00:20::9/expiration?pool=blue&uuid=u-1").status())
                .isEqualTo(200);
        assertThat(rest.client.delete("/v1/consumers/dra/ipam/fd00:20::9?pool=blue").status()).isEqualTo(200);

        assertThat(rest.dra.calls()).containsExactly(
                new Call("allocate", List.of(v6, BLUE, "")),
                new Call("stopExpiration", List.of(v6, BLUE, "u-1")),
                new Call("release", List.of(v6, BLUE)));
        assertThat(rest.pod.calls()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.2.3", "01.2.3.4", "1.2.3.4.5", "256.1.1.1", "0x0a.0.0.1", "fe80::1%25eth0",
        "fe80:::1", "[fd00::1]", "pod-a", "10.0.0.1%20"})
    @DisplayName("A5.3/A5.4: malformed IPs are 400 on every address endpoint and reach nothing")
    void malformedAddresses(String ip) throws Exception {
        HttpReply allocate = rest.client.post("/v1/ipam/" + ip + "?pool=blue");
        HttpReply release = rest.client.delete("/v1/ipam/" + ip + "?pool=blue");
        HttpReply expiration = rest.client.delete("/v1/consumers/dra/ipam/" + ip + "/expiration?pool=blue&uuid=u");

        assertThat(allocate.status()).isEqualTo(400);
        assertThat(release.status()).isEqualTo(400);
        assertThat(expiration.status()).isEqualTo(400);
        assertThat(RestFixture.json(allocate).isString()).isTrue();
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    @DisplayName("a malformed IP is named in the error")
    void malformedAddressMessage() throws Exception {
        HttpReply reply = rest.client.post("/v1/ipam/01.2.3.4?pool=blue");

        assertThat(RestFixture.json(reply).stringValue()).isEqualTo("invalid IP address \"01.2.3.4\": expected"
                + " dotted-decimal IPv4 without leading zeros or IPv6 text without a zone");
    }

    @Test
    @DisplayName("IP syntax is checked before the family: a malformed IPv6 text on an IPv4-only consumer is 400")
    void syntaxBeforeFamily() throws Exception {
        assertThat(rest.client.post("/v1/ipam/fd00::zz?pool=blue").status()).isEqualTo(400);
        assertThat(rest.client.post("/v1/ipam/fd00::1?pool=blue").status()).isEqualTo(501);
    }

    @Test
    @DisplayName("P10: the pool is required for a specific address, a release and a timer stop")
    void poolIsRequired() throws Exception {
        HttpReply allocate = rest.client.post("/v1/ipam/10.20.0.9?owner=a");
        HttpReply emptyPool = rest.client.post("/v1/ipam/10.20.0.9?pool=");
        HttpReply release = rest.client.delete("/v1/ipam/10.20.0.9");
        HttpReply expiration = rest.client.delete("/v1/ipam/10.20.0.9/expiration?uuid=u");
        HttpReply noUuid = rest.client.delete("/v1/ipam/10.20.0.9/expiration?pool=blue");

        assertThat(List.of(allocate.status(), emptyPool.status(), release.status(), expiration.status(),
                noUuid.status())).containsOnly(400);
        assertThat(RestFixture.json(allocate).stringValue()).isEqualTo("pool name must be provided");
        assertThat(RestFixture.json(emptyPool).stringValue()).isEqualTo("pool name must be provided");
        assertThat(RestFixture.json(release).stringValue()).isEqualTo("no IPAM pool provided for IP release");
        assertThat(RestFixture.json(expiration).stringValue()).isEqualTo("pool name must be provided");
        assertThat(RestFixture.json(noUuid).stringValue()).isEqualTo("expiration UUID must be provided");
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    @DisplayName("invalid pool names, a 513-byte owner and unknown parameters are 400 and reach nothing")
    void malformedParameters() throws Exception {
        assertThat(rest.client.post("/v1/ipam/10.20.0.9?pool=BLUE").status()).isEqualTo(400);
        assertThat(rest.client.post("/v1/ipam/10.20.0.9?pool=blue&owner=" + "x".repeat(513)).status()).isEqualTo(400);
        assertThat(rest.client.post("/v1/ipam/10.20.0.9?pool=blue&family=ipv4").status()).isEqualTo(400);
        assertThat(rest.client.delete("/v1/ipam/10.20.0.9?pool=blue&owner=a").status()).isEqualTo(400);
        assertThat(rest.client.delete("/v1/ipam/10.20.0.9?pool=a..b").status()).isEqualTo(400);
        assertThat(rest.client.delete("/v1/ipam/10.20.0.9/expiration?pool=blue&uuid=a&uuid=b").status()).isEqualTo(400);
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    @DisplayName("an address of a disabled family is 501 on every address endpoint and reaches no service call")
    void disabledFamily() throws Exception {
        HttpReply allocate = rest.client.post("/v1/ipam/fd00::9?pool=blue");
        HttpReply release = rest.client.delete("/v1/ipam/fd00::9?pool=blue");
        HttpReply expiration = rest.client.delete("/v1/ipam/fd00::9/expiration?pool=blue&uuid=u");

        assertThat(List.of(allocate.status(), release.status(), expiration.status())).containsOnly(501);
        assertThat(RestFixture.json(allocate).stringValue()).isEqualTo("IP fd00::9: address family ipv6 is disabled on this node");
        assertThat(rest.pod.calls()).isEmpty();
    }

    static Stream<Arguments> allocateFailures() {
        return Stream.of(
                Arguments.of(new AddressNotInRangeException("IP 10.20.0.9 is not in range of pool \"blue\"", BLUE, ADDRESS,
                        "a"), 400),
                Arguments.of(new PoolNotReadyException(BLUE, Family.IPV4, ADDRESS, "a"), 400),
                Arguments.of(new AddressInUseException(BLUE, ADDRESS, "a", "ns/other"), 409),
                Arguments.of(new FamilyDisabledException(Family.IPV4, ADDRESS), 501),
                Arguments.of(new IpamException("IP 10.20.0.9 is excluded, owned by node"), 500),
                Arguments.of(new IllegalStateException("disk full"), 500));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allocateFailures")
    @DisplayName("A5.3: not allocatable 400, already allocated 409, family disabled 501, other 500")
    void allocateFailures(RuntimeException error, int status) throws Exception {
        rest.pod.failWith(error);

        HttpReply reply = rest.client.post("/v1/ipam/10.20.0.9?pool=blue&owner=a");

        assertThat(reply.status()).isEqualTo(status);
        assertThat(RestFixture.json(reply).stringValue()).isEqualTo(error.getMessage());
    }

    static Stream<Arguments> releaseFailures() {
        return Stream.of(
                Arguments.of(new AddressNotAllocatedException("IP 10.20.0.9 is not allocated in pool \"blue\"", BLUE,
                        ADDRESS), 404),
                Arguments.of(new AddressNotInRangeException("IP 10.20.0.9 is not in range of pool \"blue\"", BLUE,
                        ADDRESS, null), 404),
                Arguments.of(new PoolNotReadyException(BLUE, Family.IPV4, ADDRESS, null), 404),
                Arguments.of(new FamilyDisabledException(Family.IPV4, ADDRESS), 501),
                Arguments.of(new IpamException("journal write failed"), 500),
                Arguments.of(new IllegalArgumentException("unexpected"), 500));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("releaseFailures")
    @DisplayName("A5.4: not allocated (inside a delegated CIDR or not) 404, family disabled 501, other 500")
    void releaseFailures(RuntimeException error, int status) throws Exception {
        rest.pod.failWith(error);

        HttpReply reply = rest.client.delete("/v1/ipam/10.20.0.9?pool=blue");

        assertThat(reply.status()).isEqualTo(status);
        assertThat(RestFixture.json(reply).stringValue()).isEqualTo(error.getMessage());
    }

    @Test
    @DisplayName("A5.7: stopping a timer: none registered 404, another UUID 409, with the spec's wording")
    void expirationFailures() throws Exception {
        rest.pod.failWith(new ExpirationTimerException(ExpirationTimerException.Reason.NO_TIMER, BLUE, ADDRESS));
        HttpReply noTimer = rest.client.delete("/v1/ipam/10.20.0.9/expiration?pool=blue&uuid=u-1");
        rest.pod.failWith(new ExpirationTimerException(ExpirationTimerException.Reason.UUID_MISMATCH, BLUE, ADDRESS));
        HttpReply mismatch = rest.client.delete("/v1/ipam/10.20.0.9/expiration?pool=blue&uuid=u-2");
        rest.pod.failWith(new IllegalStateException("timer wheel stopped"));
        HttpReply other = rest.client.delete("/v1/ipam/10.20.0.9/expiration?pool=blue&uuid=u-3");

        assertThat(noTimer.status()).isEqualTo(404);
        assertThat(RestFixture.json(noTimer).stringValue())
                .isEqualTo("no expiration timer registered for IP 10.20.0.9 in pool \"blue\"");
        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(RestFixture.json(mismatch).stringValue()).startsWith("UUID mismatch, not stopping expiration timer");
        assertThat(other.status()).isEqualTo(500);
        assertThat(rest.pod.calls()).extracting(Call::arguments).containsExactly(
                List.of(ADDRESS, BLUE, "u-1"), List.of(ADDRESS, BLUE, "u-2"), List.of(ADDRESS, BLUE, "u-3"));
    }

    @Test
    @DisplayName("consumer errors on address endpoints: unknown 404, not serving 503")
    void consumerAvailability() throws Exception {
        assertThat(rest.client.post("/v1/consumers/nope/ipam/10.20.0.9?pool=blue").status()).isEqualTo(404);
        assertThat(rest.client.delete("/v1/consumers/late/ipam/10.20.0.9?pool=blue").status()).isEqualTo(503);
        assertThat(rest.client.delete("/v1/consumers/late/ipam/10.20.0.9/expiration?pool=blue&uuid=u").status())
                .isEqualTo(503);
        rest.directory.defaultConsumer(null);
        assertThat(rest.client.delete("/v1/ipam/10.20.0.9?pool=blue").status()).isEqualTo(404);
        assertThat(rest.pod.calls()).isEmpty();
    }
}
