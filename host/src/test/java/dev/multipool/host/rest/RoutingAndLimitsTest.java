package dev.multipool.host.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingAndLimitsTest {

    private RestFixture rest;

    @BeforeEach
    void start() throws Exception {
        rest = RestFixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        rest.close();
    }

    @Test
    void oversizedRequestLineGets414() throws Exception {
        HttpReply reply = rest.client.post("/v1/ipam?owner=" + "a".repeat(RestServer.MAX_REQUEST_HEADER_BYTES + 100));
        System.out.println(reply.headers() + " " + reply.bodyText());
        assertThat(reply.status()).isEqualTo(414);
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        HttpReply reply = rest.client.send("POST", "/v1/ipam",
                Map.of("X-Padding", "b".repeat(RestServer.MAX_REQUEST_HEADER_BYTES + 100)));
        System.out.println(reply.headers() + " " + reply.bodyText());
        assertThat(reply.status()).isEqualTo(431);
        assertThat(rest.nothingReachedTheHost()).isTrue();
    }

    @Test
    void badEscape() throws Exception {
        HttpReply reply = rest.client.post("/v1/ipam/fe80::1%eth0?pool=a");
        System.out.println(reply.status() + " " + reply.headers() + " " + reply.bodyText());
        reply = rest.client.post("/v1/ipam/fe80::1%25eth0?pool=a");
        System.out.println(reply.status() + " " + reply.headers() + " " + reply.bodyText());
        reply = rest.client.post("/v1/ipam");
        System.out.println(reply.status() + " " + reply.headers() + " " + reply.bodyText());
    }
}
