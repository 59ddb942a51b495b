package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests to the real host: each gets its 4xx with a JSON string naming the problem,
 * and changes nothing: neither consumer's allocations, counters and demand, nor the node document.
 */
class MalformedInputE2eTest {

    private static final String LONG_OWNER = "o".repeat(513);

    @TempDir
    static Path dir;

    private static E2eHost host;

    @BeforeAll
    static void start() {
        host = E2eHost.in(dir).flags("--e2e-dra-pre-allocation", "default=1").awaitCidrsOf("dra").start();
        // one allocation in each consumer, so that "nothing changed" is about something
        assertThat(host.post("/v1/ipam?owner=ns/existing").status()).isEqualTo(201);
        assertThat(host.post("/v1/consumers/dra/ipam?pool=default&owner=ns/claim/eth0").status()).isEqualTo(201);
        host.awaitDemandPublished("pod", "pools");
        host.awaitDemandPublished("dra", "resourcepools");
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("POST", "/v1/ipam?family=ipv5", 400, "invalid family \"ipv5\""),
                Arguments.of("POST", "/v1/ipam?family=IPv4", 400, "invalid family \"IPv4\""),
                Arguments.of("POST", "/v1/ipam?pool=Not_A_Pool", 400, "Not_A_Pool"),
                Arguments.of("POST", "/v1/ipam?pool=" + "p".repeat(254), 400, "pool"),
                Arguments.of("POST", "/v1/ipam?owner=" + LONG_OWNER, 400, "513 bytes"),
                Arguments.of("POST", "/v1/ipam?owner=a&owner=b", 400, "more than once"),
                Arguments.of("POST", "/v1/ipam?colour=blue", 400, "unknown query parameter \"colour\""),
                Arguments.of("POST", "/v1/ipam?owner=%zz", 400, "percent escape"),
                Arguments.of("POST", "/v1/consumers/dra/ipam?family=ipv5&pool=default", 400, "invalid family"),
                Arguments.of("POST", "/v1/ipam/1.2.3?pool=default", 400, "1.2.3"),
                Arguments.of("POST", "/v1/ipam/10.10.0.010?pool=default", 400, "10.10.0.010"),
                Arguments.of("POST", "/v1/ipam/10.10.0.9", 400, "pool name must be provided"),
                Arguments.of("POST", "/v1/ipam/10.10.0.9?pool=default&owner=" + LONG_OWNER, 400, "513 bytes"),
                Arguments.of("DELETE", "/v1/ipam/10.10.0.9", 400, "no IPAM pool provided for IP release"),
                Arguments.of("DELETE", "/v1/ipam/10.10.0.9?pool=default&owner=x", 400, "unknown query parameter \"owner\""),
                Arguments.of("DELETE", "/v1/ipam/10.10.0.9/expiration?pool=default", 400, "UUID"),
                Arguments.of("PUT", "/v1/ipam", 405, "PUT"),
                Arguments.of("GET", "/v1/ipam", 405, "GET"),
                Arguments.of("DELETE", "/v1/ipam", 405, "DELETE"),
                Arguments.of("GET", "/v1/ipam/10.10.0.9", 405, "GET"),
                Arguments.of("POST", "/v1/healthz", 405, "POST"),
                Arguments.of("DELETE", "/v1/consumers/pod", 405, "DELETE"),
                Arguments.of("GET", "/v1/healthz?verbose=1", 400, "unknown query parameter"),
                Arguments.of("GET", "/v1/nothing", 404, "/v1/nothing"),
                Arguments.of("GET", "/v2/ipam", 404, "/v2/ipam"),
                Arguments.of("GET", "/v1/consumers/nobody", 404, "nobody"),
                Arguments.of("POST", "/v1/consumers/nobody/ipam", 404, "nobody"),
                Arguments.of("DELETE", "/v1/consumers/nobody/ipam/10.10.0.9?pool=default", 404, "nobody"));
    }

    /** Everything the host could have changed. */
    private static List<String> state() {
        return List.of(host.detail("pod").toString(), host.detail("dra").toString(), host.nodeDocument().toString());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("malformed")
    @DisplayName("malformed input gets a 4xx naming the problem and changes nothing")
    void rejectedWithoutChange(String method, String target, int status, String mentioned) {
        List<String> before = state();

        HttpReply reply = host.send(method, target, Map.of());

        assertThat(reply.status()).as(reply.bodyText()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(E2eHost.json(reply).isString()).as(reply.bodyText()).isTrue();
        assertThat(E2eHost.json(reply).asString()).contains(mentioned);
        if (status == 405) {
            assertThat(reply.header("Allow")).isPresent();
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    @DisplayName("an owner of exactly 512 bytes is accepted")
    void longestOwner() {
        String owner = "ns/" + "é".repeat(254) + "x";
        assertThat(owner.getBytes(StandardCharsets.UTF_8)).hasSize(512);

        HttpReply reply = host.post("/v1/ipam?family=ipv4&owner=" + java.net.URLEncoder.encode(owner, StandardCharsets.UTF_8));

        assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
        String ip = E2eHost.json(reply).get("address").get("ipv4").asString();
        assertThat(host.allocations("pod", "default", dev.multipool.api.Family.IPV4)).containsEntry(ip, owner);
    }

    @Test
    @DisplayName("oversized request lines and header blocks get Jetty's 414 / 431 and change nothing")
    void oversized() throws IOException {
        List<String> before = state();

        HttpReply longLine = host.post("/v1/ipam?owner=" + "x".repeat(9000));
        HttpReply bigHeader = host.send("POST", "/v1/ipam?owner=ns/big", Map.of("X-Padding", "y".repeat(9000)));

        assertThat(longLine.status()).isEqualTo(414);
        assertThat(bigHeader.status()).isEqualTo(431);
        assertThat(E2eHost.json(longLine).isString()).as(longLine.bodyText()).isTrue();
        assertThat(E2eHost.json(bigHeader).isString()).as(bigHeader.bodyText()).isTrue();
        assertThat(state()).isEqualTo(before);
    }
}
