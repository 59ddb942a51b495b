package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.ResourceDocument;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** One kit host for the class, registered programmatically, with the demo plugin loaded from its jar. */
class MultipoolHostExtensionTest {

    private static final PoolSectionAccessor SECTION = PoolSectionAccessor.atPath("spec", "ipam", "pools");
    private static final PoolName DEFAULT = new PoolName("default");

    @RegisterExtension
    static final MultipoolHostExtension HOST = MultipoolHostExtension.builder()
            .pluginJar(DemoPlugins.DEMO)
            .build();

    @Test
    @DisplayName("the host starts with the plugin jar and is healthy once the consumer's gate opened")
    void startsHealthy(HostClient client) {
        JsonNode health = client.healthz().expectStatus(200).json();

        assertThat(health.at("/state").asString()).isEqualTo("ok");
        assertThat(health.at("/node-source/mode").asString()).isEqualTo("standalone");
        assertThat(health.at("/consumers/demo/state").asString()).isEqualTo("ready");
    }

    @Test
    @DisplayName("/v1/consumers lists the consumer with its plugin's id, version and SPI range, started")
    void consumersListThePlugin(HostClient client) {
        JsonNode report = client.consumers().expectStatus(200).json();

        assertThat(report.at("/consumers/0/id").asString()).isEqualTo("demo");
        assertThat(report.at("/consumers/0/plugin/id").asString()).isEqualTo("demo-plugin");
        assertThat(report.at("/consumers/0/plugin/version").asString()).isEqualTo("1.2.3");
        assertThat(report.at("/consumers/0/plugin/requires").asString()).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(report.at("/consumers/0/state").asString()).isEqualTo("ready");
        assertThat(report.at("/plugins/0/id").asString()).isEqualTo("demo-plugin");
        assertThat(report.at("/plugins/0/state").asString()).isEqualTo("started");
        assertThat(report.at("/plugins/0/path").asString()).endsWith("demo-plugin-1.2.3.jar");
    }

    @Test
    @DisplayName("a next address comes from a CIDR the embedded operator delegated into the consumer's section")
    void allocatesFromTheDelegatedCidr(HostClient client, NodeDocument node) {
        HostResponse response = client.ipam("demo").allocateNext("ns/next").expectStatus(201);
        String address = response.address(Family.IPV4).orElseThrow();

        assertThat(response.poolName(Family.IPV4)).contains("default");
        PoolAllocation delegated = node.section(SECTION).allocation(DEFAULT).orElseThrow();
        assertThat(delegated.cidrs()).anyMatch(cidr -> cidr.contains(IpAddress.parse(address)));
        JsonNode detail = client.consumer("demo").expectStatus(200).json();
        assertThat(detail.at("/pools/0/name").asString()).isEqualTo("default");
        assertThat(detail.at("/pools/0/ipv4/allocations").get(address).asString()).isEqualTo("ns/next");
    }

    @Test
    @DisplayName("specific addresses: 200, 409 when taken, 200 on release, 404 when released twice")
    void specificAddressStatusCodes(HostClient client, NodeDocument node) {
        String address = client.freeAddress("demo", "default", Family.IPV4).orElseThrow();
        ConsumerIpamClient ipam = client.ipam("demo");

        assertThat(node.section(SECTION).allocation(DEFAULT).orElseThrow().cidrs())
                .anyMatch(cidr -> cidr.contains(IpAddress.parse(address)));
        assertThat(ipam.allocate(address, "ns/specific", "default").status()).isEqualTo(200);
        assertThat(ipam.allocate(address, "ns/other", "default").status()).isEqualTo(409);
        assertThat(ipam.release(address, "default").status()).isEqualTo(200);
        HostResponse again = ipam.release(address, "default");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorMessage()).contains(address);
    }

    @Test
    @DisplayName("an operator's edit of the node reaches the host, and the host's later writes keep it")
    void operatorEditIsKept(NodeDocument node, HostClient client) {
        PoolSection before = node.section(SECTION);
        node.edit(document -> document.with(List.of("metadata", "labels", "zone"), "zone-a"));

        for (int i = 0; i < 6; i++) {
            client.ipam("demo").allocateNext("ns/burst-" + i).expectStatus(201);
        }
        ResourceDocument after = node.await(document -> !SECTION.read(document).requested().equals(before.requested()),
                Duration.ofSeconds(10));

        assertThat(after.labels()).containsEntry("zone", "zone-a");
        assertThat(after.resourceVersion()).isPresent();
    }

    @Test
    @DisplayName("parameters resolve to the running host's own objects")
    void parametersAreTheHostsOwn(TestHost host, HostClient client, NodeDocument node) {
        assertThat(host).isSameAs(HOST.host());
        assertThat(client).isSameAs(host.client());
        assertThat(node).isSameAs(host.node());
        assertThat(host.isRunning()).isTrue();
        assertThat(host.commandLine()).contains("--standalone", "--ipam-cilium-node-update-rate", "200ms");
        assertThat(node.file()).startsWith(host.stateDir()).exists();
    }
}
