package dev.multipool.plugins.dra.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.RESOURCE_POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.pool;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.section;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.address;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.awaitServed;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.inside;
import static dev.multipool.plugins.dra.kubernetes.ClaimAwait.soon;
import static dev.multipool.plugins.dra.kubernetes.DraCluster.DRIVER;
import static dev.multipool.plugins.dra.kubernetes.DraCluster.NODE;
import static dev.multipool.plugins.dra.testing.Claims.allocation;
import static dev.multipool.plugins.dra.testing.Claims.config;
import static dev.multipool.plugins.dra.testing.Claims.nodeNamed;
import static dev.multipool.plugins.dra.testing.Claims.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.testing.UnixSocketHttpClient;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.RequestLog;
import dev.multipool.plugins.dra.testing.Claims;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The BUILT pod-ipam and dra-ipam jars in one Kubernetes-mode host on one CiliumNode, each with its
 * operator: a CiliumPodIPPool and a CiliumResourceIPPool of the same name {@code default} never
 * mix, both sections are right at every step, and every PUT the host sends passes Cilium's schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraBesidePodIT {

    private static final String DEFAULT = "default";
    private static final String POD = "pod";

    @TempDir
    static Path dir;
    DraCluster cluster;

    @BeforeAll
    void start() {
        cluster = DraCluster.startWithPod(dir, List.of(
                pool(PoolKind.CILIUM_POD_IP_POOL, DEFAULT, "10.1.0.0/16", 24, "fd01::/104", 120),
                pool(PoolKind.CILIUM_RESOURCE_IP_POOL, DEFAULT, "10.20.0.0/16", 24, "fd20::/48", 64)));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @DisplayName("pod and dra consumers on one CiliumNode: pools of the same name kept apart, both sections right, "
            + "every PUT valid")
    void besideThePodConsumer() throws IOException {
        // the pod consumer is ready only with its pre-allocated pool delegated (M48): default=8
        soon().untilAsserted(() -> assertThat(cluster.section(POOLS)).contains(section(entries(request(DEFAULT, 8, 8)),
                entries(allocation(DEFAULT, "10.1.0.0/24", "fd01::/120")))));
        assertThat(cluster.sectionEmpty(RESOURCE_POOLS)).isTrue();

        HttpReply plain = new UnixSocketHttpClient(cluster.host().socket()).post("/v1/ipam?owner=containerd-1");
        assertThat(plain.status()).as(plain.bodyText()).isEqualTo(201);
        String podV4 = HostRest.json(plain).path("ipv4").path("ip").asString();
        String podV6 = HostRest.json(plain).path("ipv6").path("ip").asString();
        Claims.store(cluster.client(), "nic", allocation(nodeNamed(NODE), List.of(result("eth1", DRIVER, NODE, "net")),
                List.of(config(DRIVER, List.of(), Map.of("ip-pool", DEFAULT)))), List.of());
        List<String> claimIps = awaitServed(cluster, "nic", "eth1").getNetworkData().getIps();
        JsonNode second = HostRest.json(cluster.rest().tryAllocateNext(POD, null, null, "containerd-2"));

        assertThat(inside("10.1.0.0/24", podV4)).as(podV4).isTrue();
        assertThat(inside("fd01::/120", podV6)).as(podV6).isTrue();
        assertThat(inside("10.1.0.0/24", second.path("ipv4").path("ip").asString())).isTrue();
        assertThat(claimIps).hasSize(2);
        assertThat(inside("10.20.0.0/24", claimIps.get(0))).as(claimIps.get(0)).isTrue();
        assertThat(inside("fd20::/64", claimIps.get(1))).as(claimIps.get(1)).isTrue();
        assertThat(cluster.draAllocations()).isEqualTo(Map.of(address(claimIps.get(0)), "default/nic/eth1",
                address(claimIps.get(1)), "default/nic/eth1"));
        soon().untilAsserted(() -> {
            assertThat(cluster.section(POOLS)).contains(section(entries(request(DEFAULT, 16, 16)),
                    entries(allocation(DEFAULT, "10.1.0.0/24", "fd01::/120"))));
            assertThat(cluster.section(RESOURCE_POOLS)).contains(section(entries(request(DEFAULT, 1, 1)),
                    entries(allocation(DEFAULT, "10.20.0.0/24", "fd20::/64"))));
        });

        Claims.deallocate(cluster.client(), "nic");
        for (String ip : List.of(podV4, podV6, second.path("ipv4").path("ip").asString(),
                second.path("ipv6").path("ip").asString())) {
            cluster.rest().release(POD, ip, DEFAULT);
        }

        soon().untilAsserted(() -> {
            assertThat(cluster.sectionEmpty(RESOURCE_POOLS)).as("spec.ipam.resourcepools").isTrue();
            assertThat(cluster.section(POOLS)).contains(section(entries(request(DEFAULT, 8, 8)),
                    entries(allocation(DEFAULT, "10.1.0.0/24", "fd01::/120"))));
        });
        cluster.assertEveryNodePutValid();
        assertThat(cluster.host().nodePuts()).allSatisfy(DraBesidePodIT::sectionsApart);
    }

    /** Neither section of a written node ever lists a block of the other kind's pool. */
    private static void sectionsApart(RequestLog.Call put) {
        ResourceDocument node = put.bodyDocument();
        String pods = String.valueOf(node.get("spec", "ipam", "pools").orElse(""));
        String resources = String.valueOf(node.get("spec", "ipam", "resourcepools").orElse(""));
        assertThat(pods).as(put.body()).doesNotContain("10.20.").doesNotContain("fd20:");
        assertThat(resources).as(put.body()).doesNotContain("10.1.").doesNotContain("fd01:");
    }
}
