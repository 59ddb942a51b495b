package dev.multipool.plugins.pod.e2e;

import static dev.multipool.host.testing.kubernetes.CiliumObjects.entries;
import static dev.multipool.host.testing.kubernetes.CiliumObjects.request;
import static dev.multipool.host.testing.kubernetes.KubernetesHost.WAIT;
import static dev.multipool.plugins.pod.support.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.host.HostLauncher;
import dev.multipool.host.RunningHost;
import dev.multipool.host.config.HostEnvironment;
import dev.multipool.host.testing.kubernetes.HostRest;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Smoke test of the BUILT pod-ipam jar deployed the way a ConfigMap deploys it: the host gets
 * nothing but {@code --config FILE}, a YAML file with the host's and the pod consumer's options, in
 * Kubernetes mode against the mock API server. No test override: production timings and wiring.
 * The consumer options from the file take effect, and the host stops cleanly: the socket is gone,
 * every watch of the host and the plugin is closed, and a second start from the same file restores
 * the allocations.
 */
class PodIpamConfigFileIT {

    private static final String NODE = "node-cfg";

    @TempDir
    Path dir;

    private Path writeConfig(MockApiServer api) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(PodCluster.pluginJar(), plugins.resolve("pod-ipam.jar"));
        String yaml = "# the multipool ConfigMap of a node\n"
                + "k8s-kubeconfig-path: " + api.kubeconfig() + "\n"
                + "k8s-node-name: " + NODE + "\n"
                + "socket-path: " + dir.resolve("run/multipool.sock") + "\n"
                + "state-dir: " + dir.resolve("state") + "\n"
                + "plugins-dir: " + plugins + "\n"
                + "enable-ipv6: true\n"
                + "ipam-cilium-node-update-rate: 100ms\n"
                + "consumers: [pod]\n"
                + "ipam-multi-pool-pre-allocation:\n"
                + "  main: 3\n"
                + "ipam-default-ip-pool: main\n"
                + "only-masquerade-default-pool: true\n"
                + "ipam-multi-pool-cidr-wait-timeout: 30s\n";
        Files.createDirectories(dir.resolve("run"));
        Path config = dir.resolve("multipool.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private RunningHost launch(Path config) {
        HostLauncher.Outcome outcome = HostLauncher.launch(List.of("--config", config.toString()),
                HostEnvironment.fixed(Map.of(), Map.of(), "config-file-host", dir));
        assertThat(outcome).isInstanceOf(HostLauncher.Started.class);
        return ((HostLauncher.Started) outcome).host();
    }

    private static void awaitHealthy(HostRest rest) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(rest.healthzReply().status()).isEqualTo(200));
    }

    @Test
    @DisplayName("a host started with only --config loads the jar, applies the file's pod options, and stops cleanly")
    void configFileDeployment() throws IOException {
        try (PodCluster cluster = PodCluster.start(Files.createDirectories(dir.resolve("cluster")))) {
            cluster.pool(pool("main").ipv4("10.50.0.0/16", 26).ipv6("fd50::/104", 120));
            cluster.pool(pool("other").ipv4("10.51.0.0/16", 26).ipv6("fd51::/104", 120));
            cluster.node(NODE);
            MockApiServer api = cluster.api();
            Path config = writeConfig(api);
            int operatorWatches = api.faults().openWatches();
            Path socket = dir.resolve("run/multipool.sock");
            HostRest rest = new HostRest(socket);
            PodRest pod = new PodRest(socket);
            String address;

            RunningHost host = launch(config);
            try {
                awaitHealthy(rest);
                JsonNode consumers = pod.consumers();
                assertThat(consumers.at("/plugins/0/id").asString()).isEqualTo("pod-ipam");
                assertThat(consumers.at("/plugins/0/state").asString()).isEqualTo("started");
                assertThat(consumers.at("/consumers/0/state").asString()).isEqualTo("ready");
                assertThat(api.ciliumNode(NODE).orElseThrow().get("spec", "ipam", "pools", "requested"))
                        .as("ipam-multi-pool-pre-allocation from the file").contains(entries(request("main", 3, 3)));
                JsonNode main = pod.nextServed("router", null, null);
                assertThat(main.at("/address/ipv4-pool-name").asString()).as("ipam-default-ip-pool").isEqualTo("main");
                assertThat(main.at("/ipv4/skip-masquerade").asBoolean()).isFalse();
                address = main.at("/ipv4/ip").asString();
                assertThat(pod.nextServed("default/web", "ipv4", "other").at("/ipv4/skip-masquerade").asBoolean())
                        .as("only-masquerade-default-pool").isTrue();
                assertThat(api.faults().openWatches()).as("the host's and the plugin's watches")
                        .isGreaterThan(operatorWatches);
            } finally {
                host.close();
            }

            assertThat(socket).doesNotExist();
            await().atMost(WAIT).untilAsserted(() -> assertThat(api.faults().openWatches())
                    .as("every watch of the host and the plugin is closed").isEqualTo(operatorWatches));

            RunningHost again = launch(config);
            try {
                awaitHealthy(rest);
                JsonNode detail = rest.consumer(PodRest.POD);
                assertThat(detail.at("/restore/ipv4").asString()).isEqualTo("finished");
                assertThat(rest.pool(PodRest.POD, "main", "ipv4").path("allocations").path(address).asString())
                        .isEqualTo("router");
            } finally {
                again.close();
            }
            assertThat(socket).doesNotExist();
        }
    }
}
