package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.RESOURCE_POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocatedCidrs;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.pool;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.section;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.sectionOf;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.DRA;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolKind;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import dev.multipool.host.testing.kubernetes.TestOperator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole Kubernetes loop for both sections: the host writes demand, the {@link TestOperator}s
 * delegate blocks of CiliumPodIPPools into {@code spec.ipam.pools} and of CiliumResourceIPPools into
 * {@code spec.ipam.resourcepools}, the host serves addresses from them, and after releases it leaves
 * blocks out (spec M37, M44), which the operators take back (O1).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesFullLoopTest {

    private static final String NODE = "node-a";

    @TempDir
    static Path dir;
    MockApiServer api;
    TestOperator podOperator;
    TestOperator resourceOperator;
    KubernetesHost host;
    HostRest rest;

    @BeforeAll
    void start() {
        api = MockApiServer.start(dir);
        PodPools.createDefaultAndBlue(api);
        api.createPool(PoolKind.CILIUM_RESOURCE_IP_POOL, pool(PoolKind.CILIUM_RESOURCE_IP_POOL, "sriov",
                "192.168.50.0/24", 28, "fd50::/112", 124));
        api.createCiliumNode(CiliumObjects.node(NODE));
        podOperator = TestOperator.forPodPools(api.driver()).start();
        resourceOperator = TestOperator.forResourcePools(api.driver()).start();
        host = KubernetesHost.builder(api, dir.resolve("host")).nodeName(NODE)
                .args(POD_PRE_ALLOCATION, "default=16").start();
        rest = host.rest();
    }

    @AfterAll
    void stop() {
        if (host != null) {
            CiliumNodeSchema.assertValidPuts(host.nodePuts());
            host.close();
        }
        podOperator.close();
        resourceOperator.close();
        api.close();
    }

    private Optional<Object> stored(List<String> section) {
        return api.ciliumNode(NODE).flatMap(node -> sectionOf(node, section));
    }

    private List<String> blueCidrs() {
        return allocatedCidrs(api.ciliumNode(NODE).orElseThrow(), POOLS, "blue");
    }

    private static boolean inside(String cidr, String ip) {
        return Cidr.parse(cidr).contains(IpAddress.parse(ip));
    }

    @Test
    @DisplayName("pods: demand is delegated, served, grows into a second block, and blocks go back after release "
            + "(M37), the whole pool once unused (M44)")
    void podSection() {
        Map<String, Object> initial = section(entries(request("default", 16, 16)),
                entries(allocation("default", "10.1.0.0/24", "fd01::/120")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(stored(POOLS)).contains(initial));

        JsonNode both = rest.allocateNextWhenDelegated(POD, null, null, "pod-1");
        assertThat(inside("10.1.0.0/24", both.path("ipv4").path("ip").asString())).isTrue();
        assertThat(inside("fd01::/120", both.path("ipv6").path("ip").asString())).isTrue();

        List<String> blue = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            blue.add(rest.allocateNextWhenDelegated(POD, "ipv4", "blue", "blue-" + i).path("ipv4").path("ip").asString());
        }
        assertThat(blue).doesNotHaveDuplicates();
        await().atMost(WAIT).untilAsserted(() -> assertThat(podOperator.blocksOf(NODE))
                .contains(Cidr.parse("10.2.0.0/28"), Cidr.parse("10.2.0.16/28")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(blueCidrs()).containsExactly("10.2.0.0/28", "10.2.0.16/28"));

        for (String ip : blue) {
            if (inside("10.2.0.16/28", ip)) {
                rest.release(POD, ip, "blue");
            }
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(blueCidrs()).containsExactly("10.2.0.0/28");
            assertThat(podOperator.blocksOf(NODE)).contains(Cidr.parse("10.2.0.0/28"))
                    .doesNotContain(Cidr.parse("10.2.0.16/28"));
        });

        for (String ip : blue) {
            if (inside("10.2.0.0/28", ip)) {
                rest.release(POD, ip, "blue");
            }
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(blueCidrs()).isEmpty();
            assertThat(stored(POOLS)).get().asString().doesNotContain("blue");
            assertThat(podOperator.blocksOf(NODE)).noneMatch(block -> block.toString().startsWith("10.2."));
        });
        assertThat(rest.pool(POD, "blue", "ipv4").isMissingNode()).as("pool blue is forgotten (M44)").isTrue();

        HttpReply again = rest.tryAllocateNext(POD, "ipv4", "blue", "blue-again");
        assertThat(again.status()).as(again.bodyText()).isEqualTo(502);
        assertThat(again.bodyText()).contains("pool not (yet) available");
        String redelegated = rest.allocateNextWhenDelegated(POD, "ipv4", "blue", "blue-again").path("ipv4").path("ip").asString();
        assertThat(inside("10.2.0.0/24", redelegated)).isTrue();
    }

    @Test
    @DisplayName("resource pools: a dual-stack claim is retried until both families are delegated, and after release "
            + "both blocks go back; the pods section is untouched")
    void resourceSection() {
        JsonNode claim = rest.allocateNextWhenDelegated(DRA, null, "sriov", "claim-1");
        String v4 = claim.path("ipv4").path("ip").asString();
        String v6 = claim.path("ipv6").path("ip").asString();
        assertThat(inside("192.168.50.0/24", v4)).as(v4).isTrue();
        assertThat(inside("fd50::/112", v6)).as(v6).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(resourceOperator.blocksOf(NODE)).hasSize(2));
        Object podsBefore = stored(POOLS).orElseThrow();

        rest.release(DRA, v4, "sriov");
        rest.release(DRA, v6, "sriov");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stored(RESOURCE_POOLS)).isEmpty();
            assertThat(resourceOperator.blocksOf(NODE)).isEmpty();
        });
        assertThat(stored(POOLS)).contains(podsBefore);
        assertThat(rest.consumer(DRA).path("pools").size()).isZero();
    }
}
