package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A consumer waiting for a startup gate: {@code /v1/healthz} answers 503 {@code starting} with the
 * gate's name, the consumer's IPAM routes answer 503, the other consumers already serve; once the
 * gate opens the host is {@code ok} and the consumer serves.
 */
class StartupGateE2eTest {

    @Test
    @DisplayName("503 while a consumer waits for its gate (healthz names the gate); ready and serving once it opens")
    void waitsForGate(@TempDir Path dir) throws IOException {
        Path gateFile = dir.resolve("open-the-gate");
        try (E2eHost host = E2eHost.in(dir).plugins(E2ePlugins.POD, E2ePlugins.WAITER)
                .flags("--" + E2ePlugins.WAITER_FILE, gateFile.toString()).noWait().start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> E2eHost.json(host.get("/v1/healthz"))
                    .path("consumers").path("waiter").path("state").asString().equals("waiting"));

            HttpReply health = host.get("/v1/healthz");
            assertThat(health.status()).isEqualTo(503);
            JsonNode body = E2eHost.json(health);
            assertThat(body.get("state").asString()).isEqualTo("starting");
            JsonNode waiter = body.get("consumers").get("waiter");
            assertThat(waiter.get("gate").asString()).isEqualTo(E2ePlugins.WAITER_GATE);
            assertThat(waiter.get("reason").asString()).isEqualTo("file " + gateFile + " to appear");
            HttpReply blocked = host.post("/v1/consumers/waiter/ipam?pool=default&owner=ns/early");
            assertThat(blocked.status()).isEqualTo(503);
            assertThat(E2eHost.json(blocked).asString()).contains("waiter").contains(E2ePlugins.WAITER_GATE);
            assertThat(host.get("/v1/consumers/waiter").status()).isEqualTo(200);
            assertThat(host.detail("waiter").get("state").asString()).isEqualTo("waiting");
            host.awaitCidr("pod", "default", dev.multipool.api.Family.IPV4);
            assertThat(host.post("/v1/ipam?owner=ns/pod-meanwhile").status()).as("pod serves meanwhile").isEqualTo(201);

            Files.createFile(gateFile);

            await().atMost(Duration.ofSeconds(10)).until(() -> host.get("/v1/healthz").status() == 200);
            JsonNode ready = E2eHost.json(host.get("/v1/healthz"));
            assertThat(ready.get("state").asString()).isEqualTo("ok");
            assertThat(ready.get("consumers").get("waiter").get("state").asString()).isEqualTo("ready");
            assertThat(ready.get("consumers").get("waiter").has("gate")).isFalse();
            // serving now: the pool has no CIDR for this consumer yet, which is an allocation failure, not 503
            HttpReply served = host.post("/v1/consumers/waiter/ipam?pool=default&owner=ns/late");
            assertThat(served.status()).isEqualTo(502);
            assertThat(E2eHost.json(served).asString()).contains("pool not (yet) available");
        }
    }
}
