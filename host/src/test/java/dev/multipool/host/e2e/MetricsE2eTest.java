package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Family;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --prometheus-serve-addr}: the real host serves the text format with Cilium's pool gauges
 * (plus a {@code consumer} label), allocation counters by outcome, the REST duration histogram and
 * plugin, consumer and gate state gauges, and they move with what happens.
 */
class MetricsE2eTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String[] POD_DEFAULT_V4 = {"consumer", "pod", "pool", "default", "family", "ipv4"};

    @TempDir
    static Path dir;

    private static E2eHost host;
    private static String address;
    private static Path gateFile;

    @BeforeAll
    static void start() throws IOException {
        address = "127.0.0.1:" + freePort();
        gateFile = dir.resolve("gate-open");
        host = E2eHost.in(dir).plugins(E2ePlugins.POD, E2ePlugins.WAITER).pluginFile(E2ePlugins::corruptJar)
                .flags("--prometheus-serve-addr", address, "--" + E2ePlugins.WAITER_FILE, gateFile.toString())
                .noWait().start();
        host.awaitCidr("pod", "default", Family.IPV4);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static PrometheusScrape scrape() {
        try {
            return PrometheusScrape.of(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("M-1: available, used and needed IPs and allocated blocks per consumer, pool and family follow allocations")
    void poolGauges() {
        PrometheusScrape before = scrape();
        assertThat(before.value("cilium_ipam_multipool_available_ips", POD_DEFAULT_V4)).hasValue(254);
        assertThat(before.value("cilium_ipam_multipool_allocated_blocks", POD_DEFAULT_V4)).hasValue(1);
        double used = before.value("cilium_ipam_multipool_used_ips", POD_DEFAULT_V4).orElseThrow();

        String ip = E2eHost.json(host.post("/v1/ipam?owner=ns/metrics")).get("address").get("ipv4").asString();

        PrometheusScrape after = scrape();
        assertThat(after.value("cilium_ipam_multipool_used_ips", POD_DEFAULT_V4)).hasValue(used + 1);
        long inUse = host.pool("pod", "default", Family.IPV4).get("in-use").asLong();
        long demand = host.pool("pod", "default", Family.IPV4).get("demand").asLong();
        assertThat(after.value("cilium_ipam_multipool_used_ips", POD_DEFAULT_V4)).hasValue(inUse);
        assertThat(after.value("cilium_ipam_multipool_needed_ips", POD_DEFAULT_V4)).hasValue(demand);
        assertThat(host.delete("/v1/ipam/" + ip + "?pool=default").status()).isEqualTo(200);
        assertThat(scrape().value("cilium_ipam_multipool_used_ips", POD_DEFAULT_V4)).hasValue(used);
    }

    @Test
    @DisplayName("allocation and release counters by outcome")
    void ipamCounters() {
        String[] allocated = {"consumer", "pod", "action", "allocate", "family", "ipv4", "outcome", "success"};
        String[] notReady = {"consumer", "pod", "action", "allocate", "family", "ipv4", "outcome", "not-ready"};
        String[] released = {"consumer", "pod", "action", "release", "family", "ipv4", "outcome", "success"};
        PrometheusScrape before = scrape();

        String ip = E2eHost.json(host.post("/v1/ipam?owner=ns/counted")).get("address").get("ipv4").asString();
        assertThat(host.post("/v1/ipam?pool=nowhere&owner=ns/nowhere").status()).isEqualTo(502);
        assertThat(host.delete("/v1/ipam/" + ip + "?pool=default").status()).isEqualTo(200);

        PrometheusScrape after = scrape();
        assertThat(after.valueOrZero("cilium_ipam_events_total", allocated))
                .isEqualTo(before.valueOrZero("cilium_ipam_events_total", allocated) + 1);
        assertThat(after.valueOrZero("cilium_ipam_events_total", notReady))
                .isEqualTo(before.valueOrZero("cilium_ipam_events_total", notReady) + 1);
        assertThat(after.valueOrZero("cilium_ipam_events_total", released))
                .isEqualTo(before.valueOrZero("cilium_ipam_events_total", released) + 1);
    }

    @Test
    @DisplayName("the REST duration histogram counts requests by method, route and status code")
    void restHistogram() {
        String[] created = {"method", "POST", "route", "/v1/ipam", "code", "201"};
        String[] badRequest = {"method", "POST", "route", "/v1/ipam/{ip}", "code", "400"};
        PrometheusScrape before = scrape();

        host.post("/v1/ipam?owner=ns/timed");
        host.post("/v1/ipam/1.2.3?pool=default");

        PrometheusScrape after = scrape();
        String count = "multipool_rest_request_duration_seconds_count";
        assertThat(after.valueOrZero(count, created)).isEqualTo(before.valueOrZero(count, created) + 1);
        assertThat(after.valueOrZero(count, badRequest)).isEqualTo(before.valueOrZero(count, badRequest) + 1);
        String[] infBucket = {"method", "POST", "route", "/v1/ipam", "code", "201", "le", "+Inf"};
        assertThat(after.value("multipool_rest_request_duration_seconds_bucket", infBucket))
                .hasValue(after.valueOrZero(count, created));
        assertThat(after.value("multipool_rest_request_duration_seconds_sum", created)).isPresent();
    }

    @Test
    @DisplayName("plugin, consumer and gate state gauges: failed plugin, waiting consumer with its gate, then ready")
    void stateGauges() throws IOException {
        PrometheusScrape waiting = scrape();
        assertThat(waiting.value("multipool_plugin_state", "plugin", "e2e-corrupt.jar", "state", "failed")).hasValue(1);
        assertThat(waiting.value("multipool_plugin_state", "plugin", "e2e-pod", "state", "started")).hasValue(1);
        assertThat(waiting.value("multipool_consumer_state", "consumer", "pod", "state", "ready")).hasValue(1);
        assertThat(waiting.value("multipool_consumer_state", "consumer", "waiter", "state", "waiting")).hasValue(1);
        assertThat(waiting.value("multipool_consumer_state", "consumer", "waiter", "state", "ready")).hasValue(0);
        assertThat(waiting.value("multipool_consumer_gate_waiting", "consumer", "waiter", "gate", E2ePlugins.WAITER_GATE))
                .hasValue(1);

        Files.createFile(gateFile);

        await().atMost(WAIT).until(() -> scrape().valueOrZero("multipool_consumer_state",
                "consumer", "waiter", "state", "ready") == 1);
        PrometheusScrape ready = scrape();
        assertThat(ready.value("multipool_consumer_state", "consumer", "waiter", "state", "waiting")).hasValue(0);
        assertThat(ready.value("multipool_consumer_gate_waiting", "consumer", "waiter", "gate", E2ePlugins.WAITER_GATE))
                .isEmpty();
    }
}
