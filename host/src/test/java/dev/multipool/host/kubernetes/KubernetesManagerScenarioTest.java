package dev.multipool.host.kubernetes;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.POOLS;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.allocation;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.section;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.sectionOf;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.withAllocated;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.withPoolAllocated;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD;
import static dev.multipool.host.testing.kubernetes.TestConsumerPlugins.POD_PRE_ALLOCATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.IpAddress;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import dev.multipool.host.testing.kubernetes.CiliumNodeSchema;
import dev.multipool.host.testing.kubernetes.CiliumObjects;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.KubernetesHost;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec scenarios S15–S24 (upstream {@code Test_MultiPoolManager}) through the real host in
 * Kubernetes mode: the standard fixture (dual stack, pre-allocation {@code default=16,mars=8},
 * {@code allocated} default = [10.0.22.0/24, fd00:22::/96], mars = [10.0.11.0/27, fd00:11::/123]),
 * the pod-like test consumer, REST calls in the CNI's place and edits of {@code allocated} in the
 * operator's place. What is asserted is what the host PUTs to the mock API server.
 *
 * <p>The steps build on each other as upstream's do, so the methods run in order on one host.
 *
 * <p>Mapping of "before restore finished": the host restores its stored allocations before its
 * node writer starts (spec M41, M42), so none of its writes happens before restore finished; S16's
 * guarantee (a CIDR is not given back before restore) is therefore proven through the restart path
 * in {@link KubernetesRestoreScenarioTest}. Here S16 checks the host takes the operator's new pool
 * in, and S20 that it gives it back once writes happen after restore.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesManagerScenarioTest {

    private static final String NODE = "node-a";
    private static final List<Map<String, Object>> FIXTURE_ALLOCATED = entries(
            allocation("default", "10.0.22.0/24", "fd00:22::/96"),
            allocation("mars", "10.0.11.0/27", "fd00:11::/123"));

    @TempDir
    static Path dir;
    MockApiServer api;
    KubernetesHost host;
    HostRest rest;
    String jupiterV6;
    final List<String> marsAddresses = new ArrayList<>();

    @BeforeAll
    void start() {
        api = MockApiServer.start(dir);
        api.createCiliumNode(withAllocated(CiliumObjects.node(NODE), POOLS, FIXTURE_ALLOCATED));
        host = KubernetesHost.builder(api, dir.resolve("host")).nodeName(NODE)
                .args("--consumers", POD, POD_PRE_ALLOCATION, "default=16,mars=8").start();
        rest = host.rest();
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
        api.close();
    }

    private Optional<Object> storedPools() {
        return api.ciliumNode(NODE).flatMap(node -> sectionOf(node, POOLS));
    }

    private void awaitStoredPools(Map<String, Object> expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(storedPools()).contains(expected));
    }

    @Test
    @Order(15)
    @DisplayName("S15: the first write sets requested = [default {16,16}, mars {8,8}] and keeps allocated as listed")
    void s15FirstWrite() {
        await().atMost(WAIT).until(() -> !host.nodePuts().isEmpty());
        Map<String, Object> expected = section(entries(request("default", 16, 16), request("mars", 8, 8)), FIXTURE_ALLOCATED);

        assertThat(sectionOf(host.nodePuts().get(0).bodyDocument(), POOLS)).contains(expected);
        awaitStoredPools(expected);
    }

    @Test
    @Order(16)
    @DisplayName("S16: the operator adds pool unused = [10.0.33.0/24, fd00:33::/96]; the host takes both CIDRs in")
    void s16OperatorAddsUnused() {
        api.editCiliumNode(NODE, node -> withPoolAllocated(node, POOLS, "unused", "10.0.33.0/24", "fd00:33::/96"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rest.pool(POD, "unused", "ipv4").path("cidrs").toString()).isEqualTo("[\"10.0.33.0/24\"]");
            assertThat(rest.pool(POD, "unused", "ipv6").path("cidrs").toString()).isEqualTo("[\"fd00:33::/96\"]");
        });
    }

    @Test
    @Order(17)
    @DisplayName("S17: 10.0.22.1 from default succeeds; the same address again is refused as already allocated")
    void s17SpecificAddressTwice() {
        rest.allocate(POD, "10.0.22.1", "default", "default-pod-1");

        HttpReply again = rest.tryAllocate(POD, "10.0.22.1", "default", "default-pod-2");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.bodyText()).contains("provided IP is already allocated");
        assertThat(rest.allocations(POD, "ipv4").get("default")).containsExactly(Map.entry("10.0.22.1", "default-pod-1"));
    }

    @Test
    @Order(18)
    @DisplayName("S18: jupiter is not ready; the same owner failing twice counts once: "
            + "requested = [default {32,16}, jupiter {1,1}, mars {8,8}]")
    void s18UnknownPoolRaisesDemand() {
        HttpReply specific = rest.tryAllocate(POD, "192.168.1.1", "jupiter", "jupiter-pod-0");
        assertThat(specific.status()).isEqualTo(400);
        assertThat(specific.bodyText()).contains("unable to reserve IP 192.168.1.1 from pool \\\"jupiter\\\"",
                "pool not (yet) available");
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpReply next = rest.tryAllocateNext(POD, "ipv6", "jupiter", "jupiter-pod-1");
            assertThat(next.status()).isEqualTo(502);
            assertThat(next.bodyText()).contains("pool not (yet) available");
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(storedPools()).get()
                .extracting(pools -> ((Map<?, ?>) pools).get("requested"))
                .isEqualTo(entries(request("default", 32, 16), request("jupiter", 1, 1), request("mars", 8, 8))));
    }

    @Test
    @Order(19)
    @DisplayName("S19: the operator lists jupiter (IPv6 first, IPv4 unmasked); 192.168.1.1 and a v6 address inside "
            + "fc00:33::/96 are handed out")
    void s19JupiterDelegated() {
        api.editCiliumNode(NODE, node -> withPoolAllocated(node, POOLS, "jupiter", "fc00:33::/96", "192.168.1.0/16"));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(rest.pool(POD, "jupiter", "ipv4").path("cidrs").toString()).isEqualTo("[\"192.168.0.0/16\"]"));

        rest.allocate(POD, "192.168.1.1", "jupiter", "jupiter-pod-0");
        jupiterV6 = rest.allocateNext(POD, "ipv6", "jupiter", "jupiter-pod-1");

        assertThat(Cidr.parse("fc00:33::/96").contains(IpAddress.parse(jupiterV6))).as(jupiterV6).isTrue();
    }

    @Test
    @Order(20)
    @DisplayName("S20: after both jupiter addresses are released, jupiter and unused are gone and IPv4 is listed first")
    void s20ReleaseJupiter() {
        rest.release(POD, "192.168.1.1", "jupiter");
        rest.release(POD, jupiterV6, "jupiter");

        awaitStoredPools(section(entries(request("default", 32, 16), request("mars", 8, 8)), FIXTURE_ALLOCATED));
    }

    @Test
    @Order(21)
    @DisplayName("S21: 30 addresses from mars (/27) succeed, the 31st is exhausted; the v4 dump has default 1, mars 30")
    void s21ExhaustMars() {
        for (int i = 0; i < 30; i++) {
            marsAddresses.add(rest.allocateNext(POD, "ipv4", "mars", "mars-pod-" + i));
        }
        HttpReply exhausted = rest.tryAllocateNext(POD, "ipv4", "mars", "mars-pod-30");

        assertThat(exhausted.status()).isEqualTo(502);
        assertThat(exhausted.bodyText()).contains("all CIDR ranges are exhausted");
        assertThat(marsAddresses).doesNotHaveDuplicates()
                .allSatisfy(ip -> assertThat(Cidr.parse("10.0.11.0/27").contains(IpAddress.parse(ip))).isTrue());
        Map<String, Map<String, String>> v4 = rest.allocations(POD, "ipv4");
        assertThat(v4).containsOnlyKeys("default", "mars");
        assertThat(v4.get("default")).containsOnlyKeys("10.0.22.1");
        assertThat(v4.get("mars")).hasSize(30);
    }

    @Test
    @Order(22)
    @DisplayName("S22: requested = [default {32,16}, mars {40,8}]")
    void s22DemandOfFullMars() {
        awaitStoredPools(section(entries(request("default", 32, 16), request("mars", 40, 8)), FIXTURE_ALLOCATED));
    }

    @Test
    @Order(23)
    @DisplayName("S23: the operator adds 10.0.12.0/27 to mars; the next mars address lies inside it")
    void s23SecondMarsCidr() {
        api.editCiliumNode(NODE, node -> withPoolAllocated(node, POOLS, "mars", "10.0.11.0/27", "10.0.12.0/27",
                "fd00:11::/123"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rest.pool(POD, "mars", "ipv4").path("cidrs").toString())
                .contains("10.0.12.0/27"));

        String next = rest.allocateNext(POD, "ipv4", "mars", "mars-pod-30");

        assertThat(Cidr.parse("10.0.12.0/27").contains(IpAddress.parse(next))).as(next).isTrue();
        marsAddresses.add(next);
    }

    @Test
    @Order(24)
    @DisplayName("S24: after the 30 addresses of 10.0.11.0/27 are released: requested mars {16,8}, allocated mars = "
            + "[10.0.12.0/27, fd00:11::/123], two pools in the dump")
    void s24ReleaseFirstMarsCidr() {
        for (String ip : marsAddresses.subList(0, 30)) {
            rest.release(POD, ip, "mars");
        }

        awaitStoredPools(section(entries(request("default", 32, 16), request("mars", 16, 8)), entries(
                allocation("default", "10.0.22.0/24", "fd00:22::/96"),
                allocation("mars", "10.0.12.0/27", "fd00:11::/123"))));
        Map<String, Map<String, String>> v4 = rest.allocations(POD, "ipv4");
        assertThat(v4).containsOnlyKeys("default", "mars");
        assertThat(v4.get("default")).containsOnlyKeys("10.0.22.1");
        assertThat(v4.get("mars")).containsExactly(Map.entry(marsAddresses.get(30), "mars-pod-30"));
    }

    @Test
    @Order(100)
    @DisplayName("every CiliumNode body the host sent in S15–S24 validates against the CiliumNode schema")
    void everyWriteValidates() {
        assertThat(host.nodePuts()).isNotEmpty();
        CiliumNodeSchema.assertValidPuts(host.nodePuts());
    }
}
