package dev.multipool.host.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.host.manager.FamilyDump;
import dev.multipool.host.manager.PoolDump;
import dev.multipool.host.node.NodeSourceStatus;
import dev.multipool.host.status.ConsumerDetail;
import dev.multipool.host.status.ConsumerHealth;
import dev.multipool.host.status.ConsumerState;
import dev.multipool.host.status.ConsumerSummary;
import dev.multipool.host.status.ConsumersReport;
import dev.multipool.host.status.HealthReport;
import dev.multipool.host.status.PluginInfo;
import dev.multipool.host.status.PluginRef;
import dev.multipool.host.status.PluginState;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/healthz}, {@code GET /v1/consumers} and {@code GET /v1/consumers/{id}}. */
class StatusEndpointsTest {

    private static final PluginRef POD_PLUGIN = new PluginRef("pod-ipam", "1.0.0", ">=1.0.0 & <2.0.0");

    @RegisterExtension
    final RestFixture rest = new RestFixture();

    @Test
    @DisplayName("healthz: 200 ok when every consumer is ready; counters present, absent last-error omitted")
    void healthOk() throws Exception {
        rest.directory.health(new HealthReport(new NodeSourceStatus(HostMode.KUBERNETES, "synced", Optional.empty(), 12, 1, 0),
                Map.of("pod", new ConsumerHealth(ConsumerState.READY, Optional.empty(), Optional.empty(), List.of()))));

        HttpReply reply = rest.client.get("/v1/healthz");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(RestFixture.json(reply)).isEqualTo(RestFixture.json("{\"state\":\"ok\","
                + "\"node-source\":{\"mode\":\"kubernetes\",\"state\":\"synced\",\"writes\":12,\"conflicts\":1,\"failures\":0},"
                + "\"consumers\":{\"pod\":{\"state\":\"ready\",\"warnings\":[]}},\"plugins\":{}}"));
    }

    @Test
    @DisplayName("healthz: 503 while a consumer waits for a gate; the gate and last-error are reported")
    void healthStarting() throws Exception {
        Map<String, ConsumerHealth> consumers = new LinkedHashMap<>();
        consumers.put("pod", new ConsumerHealth(ConsumerState.READY, Optional.empty(), Optional.empty(),
                List.of("gate pools-synced opened after its deadline")));
        consumers.put("dra", new ConsumerHealth(ConsumerState.WAITING, Optional.of("cidrs-present"),
                Optional.of("no CIDR delegated yet"), List.of()));
        rest.directory.health(new HealthReport(new NodeSourceStatus(HostMode.STANDALONE, "disconnected",
                Optional.of("connection refused"), 0, 0, 3), consumers));

        HttpReply reply = rest.client.get("/v1/healthz");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(RestFixture.json(reply)).isEqualTo(RestFixture.json("{\"state\":\"starting\","
                + "\"node-source\":{\"mode\":\"standalone\",\"state\":\"disconnected\",\"last-error\":\"connection refused\","
                + "\"writes\":0,\"conflicts\":0,\"failures\":3},"
                + "\"consumers\":{\"pod\":{\"state\":\"ready\",\"warnings\":[\"gate pools-synced opened after its deadline\"]},"
                + "\"dra\":{\"state\":\"waiting\",\"gate\":\"cidrs-present\",\"reason\":\"no CIDR delegated yet\","
                + "\"warnings\":[]}},\"plugins\":{}}"));
    }

    @Test
    @DisplayName("healthz: 200 degraded when the rest are ready and one failed, with its reason")
    void healthDegraded() throws Exception {
        Map<String, ConsumerHealth> consumers = new LinkedHashMap<>();
        consumers.put("pod", new ConsumerHealth(ConsumerState.READY, Optional.empty(), Optional.empty(), List.of()));
        consumers.put("dra", new ConsumerHealth(ConsumerState.FAILED, Optional.empty(),
                Optional.of("plugin dra-ipam failed to start: boom"), List.of()));
        rest.directory.health(new HealthReport(new NodeSourceStatus(HostMode.STANDALONE, "synced", Optional.empty(), 1, 0, 0),
                consumers));

        HttpReply reply = rest.client.get("/v1/healthz");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(RestFixture.json(reply).get("state").stringValue()).isEqualTo("degraded");
        assertThat(RestFixture.json(reply).at("/consumers/dra/reason").stringValue())
                .isEqualTo("plugin dra-ipam failed to start: boom");
    }

    @Test
    @DisplayName("healthz: 200 degraded when every consumer is ready but a plugin failed to load, with its reason")
    void healthDegradedByPlugin() throws Exception {
        rest.directory.health(new HealthReport(new NodeSourceStatus(HostMode.STANDALONE, "synced", Optional.empty(), 1, 0, 0),
                Map.of("pod", new ConsumerHealth(ConsumerState.READY, Optional.empty(), Optional.empty(), List.of())),
                List.of(new PluginInfo("broken.jar", "", "", PluginState.FAILED, Optional.of("zip END header not found"),
                        "/opt/multipool/plugins/broken.jar"))));

        HttpReply reply = rest.client.get("/v1/healthz");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(RestFixture.json(reply).get("state").stringValue()).isEqualTo("degraded");
        assertThat(RestFixture.json(reply).get("plugins")).isEqualTo(RestFixture.json("{\"broken.jar\":{\"state\":\"failed\","
                + "\"reason\":\"zip END header not found\",\"path\":\"/opt/multipool/plugins/broken.jar\"}}"));
    }

    @Test
    @DisplayName("consumers: every consumer with its plugin, every plugin with state, reason only when there is one")
    void consumersReport() throws Exception {
        rest.directory.consumers(new ConsumersReport(
                List.of(new ConsumerSummary("pod", "addresses for pods", POD_PLUGIN, true, ConsumerState.READY,
                        Optional.empty()),
                        new ConsumerSummary("dra", "addresses for resource claims",
                                new PluginRef("dra-ipam", "1.0.0", ">=1.0.0"), false, ConsumerState.FAILED,
                                Optional.of("not enabled by --consumers"))),
                List.of(new PluginInfo("pod-ipam", "1.0.0", ">=1.0.0 & <2.0.0", PluginState.STARTED, Optional.empty(),
                                "/opt/multipool/plugins/pod-ipam-1.0.0.jar"),
                        new PluginInfo("broken.jar", "", "", PluginState.FAILED, Optional.of("zip END header not found"),
                                "/opt/multipool/plugins/broken.jar"))));

        HttpReply reply = rest.client.get("/v1/consumers");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(RestFixture.json(reply)).isEqualTo(RestFixture.json("{\"consumers\":["
                + "{\"id\":\"pod\",\"description\":\"addresses for pods\",\"plugin\":{\"id\":\"pod-ipam\","
                + "\"version\":\"1.0.0\",\"requires\":\">=1.0.0 & <2.0.0\"},\"enabled\":true,\"state\":\"ready\"},"
                + "{\"id\":\"dra\",\"description\":\"addresses for resource claims\",\"plugin\":{\"id\":\"dra-ipam\","
                + "\"version\":\"1.0.0\",\"requires\":\">=1.0.0\"},\"enabled\":false,\"state\":\"failed\","
                + "\"reason\":\"not enabled by --consumers\"}],"
                + "\"plugins\":[{\"id\":\"pod-ipam\",\"version\":\"1.0.0\",\"requires\":\">=1.0.0 & <2.0.0\","
                + "\"state\":\"started\",\"path\":\"/opt/multipool/plugins/pod-ipam-1.0.0.jar\"},"
                + "{\"id\":\"broken.jar\",\"version\":\"\",\"requires\":\"\",\"state\":\"failed\","
                + "\"reason\":\"zip END header not found\",\"path\":\"/opt/multipool/plugins/broken.jar\"}]}"));
    }

    @Test
    @DisplayName("consumer detail: restore per family, pools with a key per present family, ip -> owner, counters")
    void consumerDetail() throws Exception {
        Map<IpAddress, String> allocations = new LinkedHashMap<>();
        allocations.put(IpAddress.parse("10.20.0.10"), "ns/b");
        allocations.put(IpAddress.parse("10.20.0.2"), "ns/a");
        FamilyDump v4 = new FamilyDump(List.of(Cidr.parse("10.20.0.0/27"), Cidr.parse("10.20.1.0/27")),
                List.of(Cidr.parse("10.20.1.0/27")), List.of(), 60, 2, 16, 1, allocations);
        FamilyDump v6 = new FamilyDump(List.of(), List.of(), List.of(Cidr.parse("fd00:20::/120")), 0, 0, 0, 0, Map.of());
        Map<Family, Boolean> restore = Map.of(Family.IPV4, true, Family.IPV6, false);
        rest.directory.detail(new ConsumerDetail("pod", POD_PLUGIN, ConsumerState.READY, Optional.empty(), restore,
                List.of(new PoolDump(PoolName.of("blue"), Map.of(Family.IPV4, v4, Family.IPV6, v6)),
                        new PoolDump(PoolName.of("green"), Map.of())),
                Map.of("red/10.30.0.4", "ns/c"), List.of("restored 1 record whose CIDR is not delegated yet")));

        HttpReply reply = rest.client.get("/v1/consumers/pod");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(RestFixture.json(reply)).isEqualTo(RestFixture.json("{\"id\":\"pod\","
                + "\"plugin\":{\"id\":\"pod-ipam\",\"version\":\"1.0.0\",\"requires\":\">=1.0.0 & <2.0.0\"},"
                + "\"state\":\"ready\",\"restore\":{\"ipv4\":\"finished\",\"ipv6\":\"pending\"},"
                + "\"pools\":[{\"name\":\"blue\","
                + "\"ipv4\":{\"cidrs\":[\"10.20.0.0/27\",\"10.20.1.0/27\"],\"released\":[\"10.20.1.0/27\"],\"removed\":[],"
                + "\"capacity\":60,\"in-use\":2,\"demand\":16,\"pending\":1,"
                + "\"allocations\":{\"10.20.0.2\":\"ns/a\",\"10.20.0.10\":\"ns/b\"}},"
                + "\"ipv6\":{\"cidrs\":[],\"released\":[],\"removed\":[\"fd00:20::/120\"],\"capacity\":0,\"in-use\":0,"
                + "\"demand\":0,\"pending\":0,\"allocations\":{}}},"
                + "{\"name\":\"green\"}],"
                + "\"deferred-restores\":{\"red/10.30.0.4\":\"ns/c\"},"
                + "\"warnings\":[\"restored 1 record whose CIDR is not delegated yet\"]}"));
        assertThat(RestFixture.json(reply).at("/pools/0/ipv4/allocations").propertyNames())
                .containsExactly("10.20.0.2", "10.20.0.10");
    }

    @Test
    @DisplayName("consumer detail: a failed consumer reports its reason; an unknown id is 404")
    void consumerDetailFailedAndUnknown() throws Exception {
        rest.directory.detail(new ConsumerDetail("dra", POD_PLUGIN, ConsumerState.FAILED,
                Optional.of("gate cidrs-present failed: timeout"), Map.of(), List.of(), Map.of(), List.of()));

        HttpReply failed = rest.client.get("/v1/consumers/dra");
        HttpReply unknown = rest.client.get("/v1/consumers/nope");

        assertThat(failed.status()).isEqualTo(200);
        assertThat(RestFixture.json(failed).get("state").stringValue()).isEqualTo("failed");
        assertThat(RestFixture.json(failed).get("reason").stringValue()).isEqualTo("gate cidrs-present failed: timeout");
        assertThat(RestFixture.json(failed).get("restore").isEmpty()).isTrue();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(RestFixture.json(unknown).stringValue()).isEqualTo("no consumer \"nope\" is enabled on this host");
    }

    @Test
    @DisplayName("status endpoints take no query parameters")
    void noParameters() throws Exception {
        HttpReply reply = rest.client.get("/v1/healthz?verbose=true");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(RestFixture.json(reply).stringValue())
                .isEqualTo("unknown query parameter \"verbose\": this endpoint takes none");
    }
}
