package dev.multipool.host.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.multipool.host.testing.UnixSocketHttpClient;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Paths, methods, Jetty's size limits, the request observer, and a real curl. */
class RoutingAndLimitsTest {

    @RegisterExtension
    final RestFixture rest = new RestFixture();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/v1", "/v1/", "/v2/ipam", "/v1/ipam/", "/v1/ipamx", "/v1/ipam/10.0.0.1/24",
        "/v1/ipam/10.0.0.1/expiration/x", "/v1/consumers/", "/v1/consumers/pod/ipamx", "/v1/healthz/"})
    @DisplayName("an unknown path is 404 with a JSON string body and reaches nothing")
    void unknownPath(String path) throws Exception {
        HttpReply reply = rest.client.post(path);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(RestFixture.json(reply).stringValue()).startsWith("no endpoint at ");
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET,/v1/ipam,POST",
        "DELETE,/v1/ipam,POST",
        "PUT,/v1/ipam/10.20.0.9,'POST, DELETE'",
        "GET,/v1/consumers/dra/ipam/10.20.0.9,'POST, DELETE'",
        "POST,/v1/ipam/10.20.0.9/expiration,DELETE",
        "POST,/v1/healthz,GET",
        "DELETE,/v1/consumers,GET",
        "PATCH,/v1/consumers/pod,GET",
        "GET,/v1/consumers/pod/ipam,POST",
    })
    @DisplayName("a wrong method on a known path is 405 with Allow and reaches nothing")
    void wrongMethod(String method, String path, String allow) throws Exception {
        HttpReply reply = rest.client.send(method, path + "?pool=blue", Map.of());

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.header("allow")).contains(allow);
        assertThat(RestFixture.json(reply).stringValue()).contains("method " + method + " is not allowed");
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    @DisplayName("an oversized request line is Jetty's 414, with a JSON string body")
    void oversizedRequestLine() throws Exception {
        HttpReply reply = rest.client.post("/v1/ipam?owner=" + "a".repeat(RestServer.MAX_REQUEST_HEADER_BYTES + 100));

        assertThat(reply.status()).isEqualTo(414);
        assertThat(reply.header("content-type")).contains("application/json");
        assertThat(RestFixture.json(reply).isString()).isTrue();
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    @DisplayName("oversized headers are Jetty's 431, with a JSON string body")
    void oversizedHeaders() throws Exception {
        HttpReply reply = rest.client.send("POST", "/v1/ipam",
                Map.of("X-Padding", "b".repeat(RestServer.MAX_REQUEST_HEADER_BYTES + 100)));

        assertThat(reply.status()).isEqualTo(431);
        assertThat(RestFixture.json(reply).isString()).isTrue();
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    @DisplayName("a bad percent escape in the path is 400 and reaches nothing")
    void badPathEscape() throws Exception {
        HttpReply reply = rest.client.post("/v1/ipam/fe80::1%eth0?pool=blue");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    @DisplayName("a raw request with a body is served like one without")
    void rawRequestWithBody() throws Exception {
        byte[] request = ("POST /v1/ipam?family=ipv4 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);

        HttpReply reply = rest.client.sendRaw(request);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(rest.pod.calls()).hasSize(1);
    }

    @Test
    @DisplayName("the observer sees the route pattern, never the raw path, for every request")
    void observerSeesRoutePatterns() throws Exception {
        rest.client.post("/v1/ipam/10.20.0.9?pool=blue");
        rest.client.post("/v1/consumers/dra/ipam");
        rest.client.delete("/v1/consumers/dra/ipam/10.20.0.9/expiration?pool=blue&uuid=u");
        rest.client.get("/v1/healthz");
        rest.client.get("/v1/consumers/nope");
        rest.client.get("/v1/secret/path");
        rest.client.get("/v1/ipam");

        // observed before each reply is written: in order, and complete once the last reply arrived
        assertThat(rest.observed()).containsExactly(
                "POST /v1/ipam/{ip} 200",
                "POST /v1/consumers/{id}/ipam 201",
                "DELETE /v1/consumers/{id}/ipam/{ip}/expiration 200",
                "GET /v1/healthz 200",
                "GET /v1/consumers/{id} 404",
                "GET unmatched 404",
                "GET /v1/ipam 405");
    }

    @Test
    @DisplayName("an observer that throws does not change the response")
    void failingObserver() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "mprest");
        try (RestServer server = new RestServer(dir.resolve("s.sock"), rest.directory, (m, r, s, n) -> {
            throw new IllegalStateException("metrics registry closed");
        })) {
            server.start();
            HttpReply reply = new UnixSocketHttpClient(server.socketPath()).post("/v1/ipam");
            assertThat(reply.status()).isEqualTo(201);
        } finally {
            RestFixture.deleteTree(dir);
        }
    }

    @Test
    @DisplayName("curl --unix-socket gets a 201 IPAMResponse (README usage)")
    void curl() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Process process = new ProcessBuilder("/usr/bin/curl", "-sS", "--max-time", "10", "--unix-socket",
                rest.socket.toString(), "-X", "POST", "-H", "expiration: true", "-w", "\n%{http_code}",
                "http://localhost/v1/ipam?family=ipv4&owner=default%2Fweb-0")
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<String> lines = List.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n"));

        assertThat(process.exitValue()).isZero();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("201");
        JsonNode body = RestFixture.json(new HttpReply(201, Map.of(),
                lines.get(0).getBytes(StandardCharsets.UTF_8)));
        assertThat(body.at("/address/ipv4").stringValue()).isEqualTo("10.20.0.7");
        assertThat(body.at("/ipv4/skip-masquerade").isBoolean()).isTrue();
        assertThat(rest.pod.calls()).hasSize(1);
    }
}
