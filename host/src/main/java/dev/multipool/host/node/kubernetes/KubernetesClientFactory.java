package dev.multipool.host.node.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the host's fabric8 {@link KubernetesClient} (JDK HTTP client) from
 * {@code --k8s-kubeconfig-path}, or, without it, from fabric8's standard discovery: the
 * {@code KUBECONFIG} variable, {@code ~/.kube/config}, then the in-cluster service account.
 *
 * <p>Building a client does not contact the API server; the first request does.
 */
public final class KubernetesClientFactory {

    private static final Logger log = LoggerFactory.getLogger(KubernetesClientFactory.class);

    private KubernetesClientFactory() {
    }

    /**
     * Builds a client with the default settings.
     *
     * @param kubeconfig the kubeconfig file, or empty for standard discovery
     * @return the client; the caller closes it
     * @throws IllegalArgumentException if the kubeconfig file is missing or invalid
     */
    public static KubernetesClient create(Optional<Path> kubeconfig) {
        return create(KubernetesClientSettings.defaults(kubeconfig));
    }

    /**
     * Builds a client.
     *
     * @param settings the settings
     * @return the client; the caller closes it
     * @throws IllegalArgumentException if the kubeconfig file is missing or invalid
     */
    public static KubernetesClient create(KubernetesClientSettings settings) {
        Config config = config(settings);
        log.info("Kubernetes API server {} (kubeconfig {})", config.getMasterUrl(),
                settings.kubeconfig().map(Path::toString).orElse("from standard discovery"));
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
    }

    /**
     * Resolves the client configuration without building a client.
     *
     * @param settings the settings
     * @return the configuration
     * @throws IllegalArgumentException if the kubeconfig file is missing or invalid
     */
    static Config config(KubernetesClientSettings settings) {
        requireNonNull(settings, "settings is null");
        Config base = settings.kubeconfig().map(KubernetesClientFactory::fromFile).orElseGet(() -> Config.autoConfigure(null));
        return new ConfigBuilder(base)
                .withConnectionTimeout(millis(settings.connectTimeout().toMillis()))
                .withRequestTimeout(millis(settings.requestTimeout().toMillis()))
                .withRequestRetryBackoffLimit(settings.requestRetries())
                .withRequestRetryBackoffInterval(millis(settings.requestRetryBackoff().toMillis()))
                .withWatchReconnectInterval(millis(settings.watchReconnectInterval().toMillis()))
                .withWatchReconnectLimit(-1)
                .build();
    }

    private static Config fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("kubeconfig " + file + " does not exist or is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("kubeconfig " + file + " is not readable");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(file.toFile());
        } catch (RuntimeException e) {
            // fabric8 reports unreadable files and YAML errors with various runtime exceptions
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("cannot read kubeconfig " + file + ": " + reason, e);
        }
        if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
            throw new IllegalArgumentException("kubeconfig " + file + " names no API server for its current context");
        }
        return config;
    }

    private static int millis(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
