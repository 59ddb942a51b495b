package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Writes a ResourceClaim's {@code status.devices} by read-modify-write: it reads the claim from the
 * API server, applies a change to the list, and replaces the status subresource carrying the
 * resourceVersion it read, so a concurrent writer (another driver, the scheduler) makes the write
 * fail with 409 instead of being overwritten. On 409 it reads again and reapplies the change.
 */
final class ClaimStatusWriter {

    /** How often a conflicting write is retried before the reconcile gives up (and is retried later). */
    static final int MAX_CONFLICTS = 10;

    private final KubernetesClient client;
    private final Consumer<ResourceClaim> afterRead;

    ClaimStatusWriter(KubernetesClient client) {
        this(client, claim -> { });
    }

    /**
     * Creates a writer with a hook that runs between the read and the write (tests use it to make a
     * concurrent change).
     */
    ClaimStatusWriter(KubernetesClient client, Consumer<ResourceClaim> afterRead) {
        this.client = requireNonNull(client, "client is null");
        this.afterRead = requireNonNull(afterRead, "afterRead is null");
    }

    /**
     * Applies a change to the claim's {@code status.devices}.
     *
     * @param key the claim
     * @param change from the fresh claim and its current entries to the entries it must hold
     * @return false if the claim no longer exists
     * @throws KubernetesClientException if the API server refuses the write for another reason, or
     *     keeps answering 409
     */
    boolean update(ClaimKey key, BiFunction<ResourceClaim, List<AllocatedDeviceStatus>, List<AllocatedDeviceStatus>> change) {
        KubernetesClientException lastConflict = null;
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            ResourceClaim claim = claims(key).get();
            if (claim == null) {
                return false;
            }
            afterRead.accept(claim);
            ResourceClaimStatus status = claim.getStatus() == null ? new ResourceClaimStatus() : claim.getStatus();
            List<AllocatedDeviceStatus> current = status.getDevices() == null ? List.of() : status.getDevices();
            List<AllocatedDeviceStatus> next = change.apply(claim, current);
            if (next.equals(current)) {
                return true;
            }
            String version = claim.getMetadata().getResourceVersion();
            status.setDevices(next.isEmpty() ? null : next);
            claim.setStatus(status);
            try {
                client.dynamicResourceAllocation().v1().resourceClaims().inNamespace(key.namespace())
                        .resource(claim).lockResourceVersion(version).updateStatus();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return false;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                lastConflict = e;
            }
        }
        throw lastConflict;
    }

    private Resource<ResourceClaim> claims(ClaimKey key) {
        return client.dynamicResourceAllocation().v1().resourceClaims().inNamespace(key.namespace()).withName(key.name());
    }
}
