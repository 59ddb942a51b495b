package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Plugin loading through the real host: good plugins next to a plugin for another SPI version, a
 * corrupt jar, a jar without an extension, a consumer whose gate throws and one whose
 * {@code define} throws. Each broken one is reported precisely in {@code /v1/consumers} and
 * {@code /v1/healthz} (200, {@code degraded}) and the good consumers serve allocations.
 */
class PluginLoadingE2eTest {

    private static final String CORRUPT = "not a readable jar";
    private static final String NO_EXTENSION = "no extensions";
    private static final String WRONG_SPI = "requires SPI \">=2.0.0 & <3.0.0\" (Plugin-Requires) but this host provides SPI 1.0.0";
    private static final String GATE_FAILED = "startup gate " + E2ePlugins.THROWING_GATE
            + " failed: java.lang.IllegalStateException: the gate exploded";
    private static final String DEFINE_FAILED = "no backend configured for define-boom";

    @TempDir
    static Path dir;

    private static E2eHost host;

    @BeforeAll
    static void start() {
        host = E2eHost.in(dir)
                .plugins(E2ePlugins.POD, E2ePlugins.DRA, E2ePlugins.WRONG_SPI, E2ePlugins.NO_EXTENSION,
                        E2ePlugins.GATE_THROWS, E2ePlugins.DEFINE_THROWS)
                .pluginFile(E2ePlugins::corruptJar)
                .flags("--e2e-dra-pre-allocation", "default=1")
                .awaitCidrsOf("pod").awaitCidrsOf("dra")
                .start();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static Map<String, JsonNode> byId(JsonNode list) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        list.forEach(item -> result.put(item.get("id").asString(), item));
        return result;
    }

    @Test
    @DisplayName("GET /v1/consumers: every plugin found, the broken ones failed with a precise reason")
    void pluginsReported() {
        Map<String, JsonNode> plugins = byId(E2eHost.json(host.get("/v1/consumers")).get("plugins"));

        assertThat(plugins.keySet()).containsExactly("e2e-corrupt.jar", "e2e-define-boom", "e2e-dra", "e2e-empty",
                "e2e-future", "e2e-gate-boom", "e2e-pod");
        assertThat(plugins.get("e2e-corrupt.jar").get("state").asString()).isEqualTo("failed");
        assertThat(plugins.get("e2e-corrupt.jar").get("reason").asString()).startsWith(CORRUPT);
        assertThat(plugins.get("e2e-corrupt.jar").get("path").asString()).endsWith("plugins/e2e-corrupt.jar");
        assertThat(plugins.get("e2e-empty").get("state").asString()).isEqualTo("failed");
        assertThat(plugins.get("e2e-empty").get("reason").asString()).startsWith(NO_EXTENSION).contains("@Extension");
        assertThat(plugins.get("e2e-future").get("state").asString()).isEqualTo("failed");
        assertThat(plugins.get("e2e-future").get("reason").asString()).isEqualTo(WRONG_SPI);
        assertThat(plugins.get("e2e-future").get("requires").asString()).isEqualTo(">=2.0.0 & <3.0.0");
        for (String started : new String[] {"e2e-pod", "e2e-dra", "e2e-gate-boom", "e2e-define-boom"}) {
            assertThat(plugins.get(started).get("state").asString()).as(started).isEqualTo("started");
            assertThat(plugins.get(started).has("reason")).isFalse();
        }
    }

    @Test
    @DisplayName("GET /v1/consumers: a consumer whose gate throws and one whose define throws are failed with the cause")
    void consumersReported() {
        Map<String, JsonNode> consumers = byId(E2eHost.json(host.get("/v1/consumers")).get("consumers"));

        assertThat(consumers.keySet()).containsExactlyInAnyOrder("pod", "dra", "gate-boom", "define-boom");
        assertThat(consumers.get("gate-boom").get("state").asString()).isEqualTo("failed");
        assertThat(consumers.get("gate-boom").get("reason").asString()).isEqualTo(GATE_FAILED);
        assertThat(consumers.get("gate-boom").get("plugin").get("id").asString()).isEqualTo("e2e-gate-boom");
        assertThat(consumers.get("define-boom").get("state").asString()).isEqualTo("failed");
        assertThat(consumers.get("define-boom").get("reason").asString()).isEqualTo(DEFINE_FAILED);
        assertThat(consumers.get("pod").get("state").asString()).isEqualTo("ready");
        assertThat(consumers.get("dra").get("state").asString()).isEqualTo("ready");
        JsonNode detail = host.detail("gate-boom");
        assertThat(detail.get("state").asString()).isEqualTo("failed");
        assertThat(detail.get("reason").asString()).isEqualTo(GATE_FAILED);
    }

    @Test
    @DisplayName("GET /v1/healthz: 200 degraded, naming the failed consumers and plugins with their reasons")
    void healthDegraded() {
        HttpReply reply = host.get("/v1/healthz");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = E2eHost.json(reply);
        assertThat(body.get("state").asString()).isEqualTo("degraded");
        JsonNode consumers = body.get("consumers");
        assertThat(consumers.get("pod").get("state").asString()).isEqualTo("ready");
        assertThat(consumers.get("dra").get("state").asString()).isEqualTo("ready");
        assertThat(consumers.get("gate-boom").get("state").asString()).isEqualTo("failed");
        assertThat(consumers.get("gate-boom").get("reason").asString()).isEqualTo(GATE_FAILED);
        assertThat(consumers.get("define-boom").get("reason").asString()).isEqualTo(DEFINE_FAILED);
        JsonNode plugins = body.get("plugins");
        assertThat(plugins.propertyNames()).containsExactly("e2e-corrupt.jar", "e2e-empty", "e2e-future");
        assertThat(plugins.get("e2e-future").get("state").asString()).isEqualTo("failed");
        assertThat(plugins.get("e2e-future").get("reason").asString()).isEqualTo(WRONG_SPI);
        assertThat(plugins.get("e2e-corrupt.jar").get("reason").asString()).startsWith(CORRUPT);
        assertThat(plugins.get("e2e-empty").get("reason").asString()).startsWith(NO_EXTENSION);
    }

    @Test
    @DisplayName("the good consumers serve allocations; the failed ones answer 503 with their reason")
    void othersServe() {
        assertThat(host.post("/v1/ipam?owner=ns/pod").status()).isEqualTo(201);
        assertThat(host.post("/v1/consumers/dra/ipam?pool=default&owner=ns/claim/eth0").status()).isEqualTo(201);

        HttpReply gate = host.post("/v1/consumers/gate-boom/ipam?pool=default&owner=x");
        HttpReply define = host.delete("/v1/consumers/define-boom/ipam/10.10.0.1?pool=default");

        assertThat(gate.status()).isEqualTo(503);
        assertThat(E2eHost.json(gate).asString()).contains("gate-boom").contains("the gate exploded");
        assertThat(define.status()).isEqualTo(503);
        assertThat(E2eHost.json(define).asString()).contains(DEFINE_FAILED);
    }

    @Test
    @DisplayName("a corrupt jar alone next to a good plugin makes the host degraded, not down")
    void corruptJarAloneDegrades(@TempDir Path other) {
        try (E2eHost lone = E2eHost.in(other).plugins(E2ePlugins.POD).pluginFile(E2ePlugins::corruptJar).start()) {
            JsonNode health = E2eHost.json(lone.get("/v1/healthz"));

            assertThat(health.get("state").asString()).isEqualTo("degraded");
            assertThat(health.get("plugins").get("e2e-corrupt.jar").get("reason").asString()).startsWith(CORRUPT);
            assertThat(lone.post("/v1/ipam?owner=ns/lone").status()).isEqualTo(201);
        }
    }

    @Test
    @DisplayName("--consumers pod: dra is listed as disabled, its plugin too; health covers the enabled consumers only")
    void consumersFlag(@TempDir Path other) {
        try (E2eHost selected = E2eHost.in(other).flags("--consumers", "pod").start()) {
            JsonNode body = E2eHost.json(selected.get("/v1/consumers"));
            Map<String, JsonNode> consumers = byId(body.get("consumers"));
            Map<String, JsonNode> plugins = byId(body.get("plugins"));

            assertThat(consumers.get("dra").get("state").asString()).isEqualTo("disabled");
            assertThat(consumers.get("dra").get("enabled").asBoolean()).isFalse();
            assertThat(plugins.get("e2e-dra").get("state").asString()).isEqualTo("disabled");
            assertThat(plugins.get("e2e-pod").get("state").asString()).isEqualTo("started");
            JsonNode health = E2eHost.json(selected.get("/v1/healthz"));
            assertThat(health.get("state").asString()).isEqualTo("ok");
            assertThat(health.get("consumers").propertyNames()).containsExactly("pod");
            assertThat(selected.post("/v1/consumers/dra/ipam?pool=default").status()).isEqualTo(404);
            assertThat(selected.get("/v1/consumers/dra").status()).isEqualTo(404);
        }
    }
}
