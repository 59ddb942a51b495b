package dev.multipool.plugins.dra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.testkit.ConsumerIpamClient;
import dev.multipool.testkit.HostClient;
import dev.multipool.testkit.HostResponse;
import dev.multipool.testkit.MultipoolHostExtension;
import dev.multipool.testkit.NodeDocument;
import dev.multipool.testkit.TestHost;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Smoke test of the BUILT dra-ipam jar in a real standalone host (the test kit): it serves
 * {@code /v1/consumers/dra/ipam} from CiliumResourceIPPools through {@code spec.ipam.resourcepools},
 * shows in {@code /v1/consumers} with its plugin version and SPI range, and stops cleanly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DraIpamHostIT {

    private static final PoolSectionAccessor SECTION = PoolSectionAccessor.atPath("spec", "ipam", "resourcepools");
    private static final PoolName DEFAULT = new PoolName("default");

    @RegisterExtension
    static final MultipoolHostExtension HOST = MultipoolHostExtension.builder()
            .pluginJarFromProperty("plugin.jar")
            .build();

    @Test
    @Order(1)
    @DisplayName("/v1/consumers lists dra as ready, from plugin dra-ipam with this build's version and SPI range")
    void listedAsStarted(HostClient client) {
        JsonNode report = client.consumers().expectStatus(200).json();
        String version = System.getProperty("plugin.expectedVersion");

        assertThat(report.at("/consumers/0/id").asString()).isEqualTo(DraIpamConsumer.ID);
        assertThat(report.at("/consumers/0/state").asString()).isEqualTo("ready");
        assertThat(report.at("/consumers/0/plugin/id").asString()).isEqualTo("dra-ipam");
        assertThat(report.at("/consumers/0/plugin/version").asString()).isNotBlank().isEqualTo(version);
        assertThat(report.at("/consumers/0/plugin/requires").asString())
                .isEqualTo(System.getProperty("plugin.expectedRequires")).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(report.at("/plugins/0/state").asString()).isEqualTo("started");
    }

    @Test
    @Order(2)
    @DisplayName("a device address is served once the embedded operator delegated a resource pool block")
    void allocatesThroughTheConsumerEndpoint(HostClient client, NodeDocument node) {
        ConsumerIpamClient dra = client.ipam(DraIpamConsumer.ID);
        // nothing is pre-allocated: the first request registers demand, the operator delegates a block
        dra.allocateNext("ns/claim-a/eth1", "default", Family.IPV4);
        node.await(document -> SECTION.read(document).allocation(DEFAULT).isPresent(), Duration.ofSeconds(10));

        HostResponse response = dra.allocateNext("ns/claim-b/eth1", "default", Family.IPV4).expectStatus(201);

        String address = response.address(Family.IPV4).orElseThrow();
        assertThat(node.section(SECTION).allocation(DEFAULT).orElseThrow().cidrs())
                .anyMatch(cidr -> cidr.contains(IpAddress.parse(address)));
        assertThat(node.read().get("spec", "ipam", "pools")).as("the pod section is not touched").isEmpty();
        assertThat(client.consumer(DraIpamConsumer.ID).expectStatus(200).json()
                .at("/pools/0/ipv4/allocations").get(address).asString()).isEqualTo("ns/claim-b/eth1");
    }

    @Test
    @Order(3)
    @DisplayName("a stop closes the socket, and a start restores the device's address from the journal")
    void stopsCleanly(TestHost host) {
        JsonNode before = allocations(host);

        host.stop();

        assertThat(host.socketPath()).doesNotExist();
        host.start();
        JsonNode after = allocations(host);
        assertThat(after).isEqualTo(before);
        assertThat(after.size()).isPositive();
    }

    private static JsonNode allocations(TestHost host) {
        return host.client().consumer(DraIpamConsumer.ID).expectStatus(200).json().at("/pools/0/ipv4/allocations");
    }
}
