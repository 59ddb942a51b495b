package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/consumers} on a real host whose plugins directory holds a working plugin, one
 * whose consumer fails to define itself, one waiting at a gate, one built for another SPI major
 * and a corrupt jar: every plugin and consumer is listed with id, version, SPI range, state and
 * the cause of any failure (ARCHITECTURE 5.2).
 */
class ConsumersReportTest {

    @RegisterExtension
    static final MultipoolHostExtension HOST = MultipoolHostExtension.builder()
            .pluginJar(DemoPlugins.DEMO)
            .pluginJar(DemoPlugins.BROKEN)
            .pluginJar(DemoPlugins.STUCK)
            .pluginJar(DemoPlugins.FUTURE)
            .pluginJar(DemoPlugins.CORRUPT)
            .awaitHealthy(false)
            .build();

    private static JsonNode report;

    @BeforeAll
    static void settle(TestHost host) {
        host.awaitConsumerState("demo", "ready", Duration.ofSeconds(20));
        host.awaitConsumerState("broken", "failed", Duration.ofSeconds(20));
        host.awaitConsumerState("stuck", "waiting", Duration.ofSeconds(20));
        report = host.client().consumers().expectStatus(200).json();
    }

    private static Map<String, JsonNode> byId(String list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        report.path(list).forEach(node -> out.put(node.path("id").asString(), node));
        return out;
    }

    @Test
    @DisplayName("every jar in the plugins directory is a plugin entry, the corrupt one under its file name")
    void everyPluginIsListed() {
        assertThat(byId("plugins")).containsOnlyKeys("demo-plugin", "broken-plugin", "stuck-plugin", "future-plugin",
                "corrupt-plugin.jar");
    }

    @Test
    @DisplayName("a started plugin shows its version and SPI range; its consumer is ready")
    void startedPlugin() {
        JsonNode plugin = byId("plugins").get("demo-plugin");
        JsonNode consumer = byId("consumers").get("demo");

        assertThat(plugin.path("version").asString()).isEqualTo("1.2.3");
        assertThat(plugin.path("requires").asString()).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(plugin.path("state").asString()).isEqualTo("started");
        assertThat(plugin.has("reason")).isFalse();
        assertThat(consumer.at("/plugin/id").asString()).isEqualTo("demo-plugin");
        assertThat(consumer.at("/plugin/version").asString()).isEqualTo("1.2.3");
        assertThat(consumer.at("/plugin/requires").asString()).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(consumer.path("state").asString()).isEqualTo("ready");
        assertThat(consumer.has("reason")).isFalse();
    }

    @Test
    @DisplayName("a consumer whose define throws is failed with the exception's message; its plugin is started")
    void failedConsumer() {
        JsonNode consumer = byId("consumers").get("broken");

        assertThat(consumer.path("state").asString()).isEqualTo("failed");
        assertThat(consumer.path("reason").asString()).contains("the broken consumer needs a service this host lacks");
        assertThat(consumer.at("/plugin/version").asString()).isEqualTo("0.1.0");
        assertThat(byId("plugins").get("broken-plugin").path("state").asString()).isEqualTo("started");
    }

    @Test
    @DisplayName("a consumer waiting at a gate is listed as waiting; healthz names the gate")
    void waitingConsumer(HostClient client) {
        assertThat(byId("consumers").get("stuck").path("state").asString()).isEqualTo("waiting");
        HostResponse health = client.healthz();

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().at("/consumers/stuck/gate").asString()).isEqualTo("never-opens");
    }

    @Test
    @DisplayName("a plugin built for SPI 2.x is failed with a reason naming its range, and has no consumer")
    void pluginForAnotherSpi() {
        JsonNode plugin = byId("plugins").get("future-plugin");

        assertThat(plugin.path("version").asString()).isEqualTo("3.0.0");
        assertThat(plugin.path("requires").asString()).isEqualTo(">=2.0.0 & <3.0.0");
        assertThat(plugin.path("state").asString()).isEqualTo("failed");
        assertThat(plugin.path("reason").asString()).contains(">=2.0.0 & <3.0.0");
        assertThat(byId("consumers")).doesNotContainKey("future");
    }

    @Test
    @DisplayName("a corrupt jar is failed with a reason and no version")
    void corruptJar() {
        JsonNode plugin = byId("plugins").get("corrupt-plugin.jar");

        assertThat(plugin.path("state").asString()).isEqualTo("failed");
        assertThat(plugin.path("reason").asString()).isNotBlank();
        assertThat(plugin.path("version").asString()).isEmpty();
        assertThat(plugin.path("path").asString()).endsWith("corrupt-plugin.jar");
    }
}
