package dev.multipool.plugins.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.testkit.HostClient;
import dev.multipool.testkit.HostResponse;
import dev.multipool.testkit.MultipoolHostExtension;
import dev.multipool.testkit.NodeDocument;
import dev.multipool.testkit.TestHost;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Smoke test of the BUILT pod-ipam jar in a real standalone host (the test kit): it loads, becomes
 * ready behind its gates, serves {@code /v1/ipam} as the default consumer in both families, shows
 * in {@code /v1/consumers} with its plugin version and SPI range, and stops cleanly (its addresses
 * come back after a restart).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PodIpamHostIT {

    private static final PoolSectionAccessor SECTION = PoolSectionAccessor.atPath("spec", "ipam", "pools");

    @RegisterExtension
    static final MultipoolHostExtension HOST = MultipoolHostExtension.builder()
            .pluginJarFromProperty("plugin.jar")
            .enableIpv6()
            .option("ipam-multi-pool-pre-allocation", "default=4")
            .build();

    @Test
    @Order(1)
    @DisplayName("/v1/consumers lists pod as ready, from plugin pod-ipam with this build's version and SPI range")
    void listedAsStarted(HostClient client) {
        JsonNode report = client.consumers().expectStatus(200).json();
        String version = System.getProperty("plugin.expectedVersion");

        assertThat(report.at("/consumers/0/id").asString()).isEqualTo(PodIpamConsumer.ID);
        assertThat(report.at("/consumers/0/state").asString()).isEqualTo("ready");
        assertThat(report.at("/consumers/0/plugin/id").asString()).isEqualTo("pod-ipam");
        assertThat(report.at("/consumers/0/plugin/version").asString()).isNotBlank().isEqualTo(version);
        assertThat(report.at("/consumers/0/plugin/requires").asString())
                .isEqualTo(System.getProperty("plugin.expectedRequires")).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(report.at("/plugins/0/id").asString()).isEqualTo("pod-ipam");
        assertThat(report.at("/plugins/0/state").asString()).isEqualTo("started");
        assertThat(report.at("/plugins/0/version").asString()).isEqualTo(version);
    }

    @Test
    @Order(2)
    @DisplayName("POST /v1/ipam gives a pod both families from the default pool's delegated CIDRs (IPv6 first)")
    void allocatesThroughTheDefaultEndpoint(HostClient client, NodeDocument node) {
        HostResponse response = client.ipam().allocateNext("default/pod-a").expectStatus(201);

        for (Family family : Family.values()) {
            String address = response.address(family).orElseThrow();
            assertThat(response.poolName(family)).contains("default");
            assertThat(response.json().at("/" + family.wireName() + "/skip-masquerade").isBoolean()).isTrue();
            assertThat(node.section(SECTION).allocation(new PoolName("default")).orElseThrow().cidrs())
                    .filteredOn(cidr -> cidr.family() == family)
                    .anyMatch(cidr -> cidr.contains(IpAddress.parse(address)));
        }
        JsonNode detail = client.consumer(PodIpamConsumer.ID).expectStatus(200).json();
        assertThat(detail.at("/pools/0/ipv4/allocations").get(response.address(Family.IPV4).orElseThrow()).asString())
                .isEqualTo("default/pod-a");
    }

    @Test
    @Order(3)
    @DisplayName("a stop closes the socket, and a start restores the pod's addresses from the journal")
    void stopsCleanly(TestHost host) {
        String address = host.client().freeAddress(PodIpamConsumer.ID, "default", Family.IPV4).orElseThrow();
        host.client().ipam().allocate(address, "default/pod-kept", "default").expectStatus(200);

        host.stop();

        assertThat(host.socketPath()).doesNotExist();
        host.start();
        JsonNode detail = host.client().consumer(PodIpamConsumer.ID).expectStatus(200).json();
        assertThat(detail.at("/pools/0/ipv4/allocations").get(address).asString()).isEqualTo("default/pod-kept");
        assertThat(detail.at("/restore/ipv4").asString()).isEqualTo("finished");
    }
}
