package dev.multipool.host.node.kubernetes;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the host's one Kubernetes client is built.
 *
 * <p>Retries are the callers' business (the node writer backs off, informers re-list), so by
 * default the client itself does not repeat a failed request: every failure is seen, counted and
 * shown in the node source's status at once, and no call waits behind hidden retries.
 *
 * @param kubeconfig {@code --k8s-kubeconfig-path}; empty for fabric8's standard discovery
 *     ({@code KUBECONFIG}, {@code ~/.kube/config}, in-cluster service account)
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for one request's answer (not watches)
 * @param requestRetries how often the client repeats a request that failed with an I/O error or a
 *     5xx, with exponential backoff
 * @param requestRetryBackoff the first retry delay
 * @param watchReconnectInterval the first delay before a dropped watch or a failed list is retried
 *     (exponential, capped by fabric8 at 32 times this)
 */
public record KubernetesClientSettings(Optional<Path> kubeconfig, Duration connectTimeout, Duration requestTimeout,
                                       int requestRetries, Duration requestRetryBackoff,
                                       Duration watchReconnectInterval) {

    /** Validates the parts. */
    public KubernetesClientSettings {
        requireNonNull(kubeconfig, "kubeconfig is null");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(requestRetryBackoff, "requestRetryBackoff");
        requirePositive(watchReconnectInterval, "watchReconnectInterval");
        if (requestRetries < 0) {
            throw new IllegalArgumentException("requestRetries must not be negative, got " + requestRetries);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms, got "
                    + duration);
        }
    }

    /**
     * Returns the host's defaults: connect within 5 s, answer within 10 s, no client-side retries,
     * watches re-established after 1 s (growing to 32 s).
     *
     * @param kubeconfig the kubeconfig file, or empty for standard discovery
     * @return the settings
     */
    public static KubernetesClientSettings defaults(Optional<Path> kubeconfig) {
        return new KubernetesClientSettings(kubeconfig, Duration.ofSeconds(5), Duration.ofSeconds(10), 0,
                Duration.ofMillis(250), Duration.ofSeconds(1));
    }

    /**
     * Returns a copy with another watch reconnect interval (tests use a short one).
     *
     * @param interval the first delay
     * @return the settings
     */
    public KubernetesClientSettings withWatchReconnectInterval(Duration interval) {
        return new KubernetesClientSettings(kubeconfig, connectTimeout, requestTimeout, requestRetries,
                requestRetryBackoff, interval);
    }

    /**
     * Returns a copy with other request timeouts.
     *
     * @param connect the connect timeout
     * @param request the request timeout
     * @return the settings
     */
    public KubernetesClientSettings withTimeouts(Duration connect, Duration request) {
        return new KubernetesClientSettings(kubeconfig, connect, request, requestRetries, requestRetryBackoff,
                watchReconnectInterval);
    }
}
