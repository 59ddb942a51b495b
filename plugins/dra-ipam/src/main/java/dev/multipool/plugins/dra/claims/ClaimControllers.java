package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.BackgroundTask;
import dev.multipool.api.ConsumerContext;
import dev.multipool.plugins.dra.pools.PoolPlacement;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the claim controller when the host offers a Kubernetes client. This is the only place
 * outside the controller that names a fabric8 type, so the consumer loads no fabric8 class unless a
 * driver name is configured.
 */
public final class ClaimControllers {

    private ClaimControllers() {
    }

    /**
     * Returns the controller for a driver, if the host has a Kubernetes client in this mode.
     *
     * @param context the consumer's context
     * @param driver the DRA driver name
     * @param placement the pool/node check
     * @param backoff the retry policy while a pool is not ready
     * @param resync how often every claim is looked at again
     * @return the controller, or empty without a Kubernetes client
     */
    public static Optional<BackgroundTask> create(ConsumerContext context, String driver, PoolPlacement placement,
                                                  BackoffPolicy backoff, Duration resync) {
        requireNonNull(context, "context is null");
        return context.service(KubernetesClient.class)
                .map(client -> new ClaimController(client, driver, context, placement, backoff, resync));
    }
}
