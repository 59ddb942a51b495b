package dev.multipool.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.testkit.HostClient;
import dev.multipool.testkit.HostResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What a user does with a third party's consumer: copy its jar into {@code plugins/} of an unpacked
 * distribution, add its pools, start {@code bin/multipool-host}. The jar is the one the invoker just
 * built from {@code examples/vm-ipam} against this build's SPI; the host is the real launcher
 * script in its own JVM, next to the two in-tree plugins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmIpamInDistributionIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static Path install;
    private static Path socket;
    private static Path log;
    private static Process host;
    private static HostClient client;

    @BeforeAll
    static void startDistributionWithTheExample() throws IOException {
        install = work.resolve("multipool");
        Trees.copy(Path.of(System.getProperty("thirdparty.distTree")), install);
        Path jar = Trees.single(Path.of(System.getProperty("thirdparty.examples"), "vm-ipam", "target"), "vm-ipam-*.jar");
        Files.copy(jar, install.resolve("plugins").resolve(jar.getFileName()));
        Path pools = work.resolve("pools.yaml");
        Files.writeString(pools, Files.readString(install.resolve("conf/pools.yaml")) + "\n---\n"
                + Files.readString(Path.of(System.getProperty("thirdparty.root"), "examples/vm-ipam/deploy/pools.yaml")));
        socket = work.resolve("multipool.sock");
        log = work.resolve("host.log");
        List<String> command = new ArrayList<>(List.of(install.resolve("bin/multipool-host").toString(),
                "--standalone", "--standalone-pools", pools.toString(), "--state-dir", work.resolve("state").toString(),
                "--socket-path", socket.toString(), "--k8s-node-name", "it-node", "--enable-ipv6",
                "--ipam-cilium-node-update-rate", "200ms", "--vm-ipam-namespace-pools", "lab=bridged",
                "--vm-ipam-pre-allocation", "vm-default=2,bridged=1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        host = builder.start();
        client = new HostClient(socket, Duration.ofSeconds(10));
        awaitHealthy();
    }

    private static void awaitHealthy() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && host.isAlive()) {
            if (Files.exists(socket)) {
                try {
                    HostResponse health = client.healthz();
                    if (health.status() == 200) {
                        return;
                    }
                    last = health.status() + " " + health.body();
                } catch (IllegalStateException notYet) {
                    last = notYet.getMessage();
                }
            }
            pause();
        }
        throw new AssertionError("the distribution did not become healthy (last /v1/healthz: " + last + "); host log:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (host != null && host.isAlive()) {
            host.destroyForcibly();
            host.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, JsonNode> byId(JsonNode list) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        list.forEach(node -> out.put(node.path("id").asString(), node));
        return out;
    }

    @Test
    @Order(1)
    @DisplayName("/v1/consumers lists vm beside pod and dra: plugin vm-ipam 1.0.0, SPI range, ready")
    void listedBesideTheInTreeConsumers() {
        JsonNode report = client.consumers().expectStatus(200).json();
        Map<String, JsonNode> consumers = byId(report.path("consumers"));
        Map<String, JsonNode> plugins = byId(report.path("plugins"));

        assertThat(consumers).containsOnlyKeys("pod", "dra", "vm");
        JsonNode vm = consumers.get("vm");
        assertThat(vm.path("state").asString()).isEqualTo("ready");
        assertThat(vm.at("/plugin/id").asString()).isEqualTo("vm-ipam");
        assertThat(vm.at("/plugin/version").asString()).isEqualTo("1.0.0");
        assertThat(vm.at("/plugin/requires").asString()).isEqualTo(">=1.0.0 & <2.0.0");
        assertThat(plugins).containsOnlyKeys("pod-ipam", "dra-ipam", "vm-ipam");
        assertThat(plugins.values()).allSatisfy(plugin -> assertThat(plugin.path("state").asString()).isEqualTo("started"));
        assertThat(plugins.get("vm-ipam").path("path").asString()).startsWith(install.resolve("plugins").toString());
    }

    @Test
    @Order(2)
    @DisplayName("the example allocates VM addresses from its own pools; pods still get theirs from the pod pools")
    void allocates() {
        HostResponse web = client.ipam("vm").allocateNext("shop/web-1").expectStatus(201);
        HostResponse lab = client.ipam("vm").allocateNext("lab/router-1", null, Family.IPV4).expectStatus(201);
        HostResponse pod = client.ipam().allocateNext("default/pod-1").expectStatus(201);

        assertThat(web.poolName(Family.IPV4)).contains("vm-default");
        assertThat(web.address(Family.IPV4)).get().asString().startsWith("10.210.");
        assertThat(web.address(Family.IPV6)).get().asString().startsWith("fd00:210:");
        assertThat(lab.poolName(Family.IPV4)).contains("bridged");
        assertThat(lab.address(Family.IPV4)).get().asString().startsWith("192.168.210.");
        assertThat(lab.json().at("/ipv4/skip-masquerade").asBoolean()).isTrue();
        assertThat(pod.address(Family.IPV4)).get().asString().startsWith("10.200.");
    }

    @Test
    @Order(3)
    @DisplayName("SIGTERM stops the distribution cleanly: it exits and removes its socket")
    void stopsCleanly() throws InterruptedException, IOException {
        host.destroy();

        assertThat(host.waitFor(20, TimeUnit.SECONDS)).as("exited; log:\n%s", Files.readString(log)).isTrue();
        assertThat(socket).doesNotExist();
        assertThat(Files.readString(log)).contains("Plugin 'vm-ipam' stopped");
    }
}
