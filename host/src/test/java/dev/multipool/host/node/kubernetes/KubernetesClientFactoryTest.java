package dev.multipool.host.node.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.host.testing.kubernetes.MockApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClientFactoryTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("--k8s-kubeconfig-path: the client talks to the server the file names, over the JDK HTTP client")
    void fromKubeconfigPath() {
        try (MockApiServer api = MockApiServer.start(dir);
             KubernetesClient client = KubernetesClientFactory.create(Optional.of(api.kubeconfig()))) {
            assertThat(client.getMasterUrl().toString()).startsWith(api.url());
            assertThat(client.getHttpClient()).isInstanceOf(JdkHttpClientImpl.class);
            assertThat(client.genericKubernetesResources(ResourceContexts.CILIUM_NODE).list().getItems()).isEmpty();
            assertThat(api.requests().fromHost(call -> call.method().equals("GET"))).hasSize(1);
        }
    }

    @Test
    @DisplayName("the settings' timeouts apply, and the client does not retry on its own by default")
    void settingsApply() {
        try (MockApiServer api = MockApiServer.start(dir)) {
            KubernetesClientSettings settings = KubernetesClientSettings.defaults(Optional.of(api.kubeconfig()))
                    .withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(7))
                    .withWatchReconnectInterval(Duration.ofMillis(200));
            Config config = KubernetesClientFactory.config(settings);
            assertThat(config.getConnectionTimeout()).isEqualTo(1500);
            assertThat(config.getRequestTimeout()).isEqualTo(7000);
            assertThat(config.getRequestRetryBackoffLimit()).isZero();
            assertThat(config.getWatchReconnectInterval()).isEqualTo(200);
            assertThat(config.getWatchReconnectLimit()).isEqualTo(-1);
        }
    }

    @Test
    @DisplayName("without a path, fabric8's standard discovery finds the kubeconfig (KUBECONFIG / kubeconfig property)")
    void standardDiscovery() {
        try (MockApiServer api = MockApiServer.start(dir)) {
            String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, api.kubeconfig().toString());
            try (KubernetesClient client = KubernetesClientFactory.create(Optional.empty())) {
                assertThat(client.getMasterUrl().toString()).startsWith(api.url());
            } finally {
                if (previous == null) {
                    System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
                } else {
                    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
                }
            }
        }
    }

    @Test
    @DisplayName("a missing or unusable kubeconfig is a clear error naming the file")
    void badKubeconfig() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> KubernetesClientFactory.create(Optional.of(missing)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
        Path garbage = Files.writeString(dir.resolve("garbage.yaml"), "clusters: [: not yaml");
        assertThatThrownBy(() -> KubernetesClientFactory.create(Optional.of(garbage)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(garbage.toString());
        assertThatThrownBy(() -> KubernetesClientFactory.create(Optional.of(dir)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a file");
    }

    @Test
    @DisplayName("settings refuse negative retries and non-positive durations")
    void settingsValidate() {
        KubernetesClientSettings defaults = KubernetesClientSettings.defaults(Optional.empty());
        assertThatThrownBy(() -> new KubernetesClientSettings(Optional.empty(), defaults.connectTimeout(),
                defaults.requestTimeout(), -1, defaults.requestRetryBackoff(), defaults.watchReconnectInterval()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestRetries");
        assertThatThrownBy(() -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }
}
