package dev.multipool.plugins.dra.testing;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.AllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.AllocationResultBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceAllocationConfiguration;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceAllocationConfigurationBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequestAllocationResult;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequestAllocationResultBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimConsumerReference;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds and stores {@code resource.k8s.io/v1} ResourceClaims the way the scheduler leaves them. */
public final class Claims {

    /**
     * The mock server's model of ResourceClaims: namespaced, with a status subresource, so a create
     * drops {@code status} and only a status write can set the allocation, as on a real server.
     */
    public static final CustomResourceDefinitionContext CONTEXT = new CustomResourceDefinitionContext.Builder()
            .withGroup("resource.k8s.io").withVersion("v1").withKind("ResourceClaim").withPlural("resourceclaims")
            .withScope("Namespaced").withStatusSubresource(true).build();

    /** The namespace every test claim lives in. */
    public static final String NAMESPACE = "default";

    private Claims() {
    }

    /** Returns an allocation result. */
    public static DeviceRequestAllocationResult result(String device, String driver, String pool, String request) {
        return new DeviceRequestAllocationResultBuilder().withDevice(device).withDriver(driver).withPool(pool)
                .withRequest(request).build();
    }

    /** Returns an opaque device config from the claim. */
    public static DeviceAllocationConfiguration config(String driver, List<String> requests, Map<String, Object> parameters) {
        return new DeviceAllocationConfigurationBuilder().withSource("FromClaim").withRequests(requests)
                .withNewOpaque().withDriver(driver).withParameters(parameters).endOpaque().build();
    }

    /** Returns a node selector that names one node by {@code metadata.name}, as the scheduler writes it. */
    public static NodeSelector nodeNamed(String node) {
        return new NodeSelectorBuilder().withNodeSelectorTerms(new NodeSelectorTermBuilder()
                .withMatchFields(new NodeSelectorRequirementBuilder().withKey("metadata.name").withOperator("In")
                        .withValues(node).build()).build()).build();
    }

    /** Returns an allocation. */
    public static AllocationResult allocation(NodeSelector nodeSelector, List<DeviceRequestAllocationResult> results,
                                              List<DeviceAllocationConfiguration> configs) {
        return new AllocationResultBuilder().withNodeSelector(nodeSelector).withNewDevices().withResults(results)
                .withConfig(configs).endDevices().build();
    }

    /** Returns the API handle of a claim. */
    public static Resource<ResourceClaim> handle(KubernetesClient client, String name) {
        return client.dynamicResourceAllocation().v1().resourceClaims().inNamespace(NAMESPACE).withName(name);
    }

    /**
     * Returns a driver's {@code status.devices} entry of a device.
     *
     * @param claim the claim as stored, or null
     * @param driver the driver
     * @param device the device
     * @return the entry, or null when the claim, its status or the entry is absent
     */
    public static AllocatedDeviceStatus entry(ResourceClaim claim, String driver, String device) {
        if (claim == null || claim.getStatus() == null || claim.getStatus().getDevices() == null) {
            return null;
        }
        return claim.getStatus().getDevices().stream()
                .filter(entry -> driver.equals(entry.getDriver()) && device.equals(entry.getDevice()))
                .findFirst().orElse(null);
    }

    /**
     * Creates a claim and then writes its status (allocation and entries), as the API server only
     * takes status through the subresource.
     *
     * @param client the client
     * @param name the claim name
     * @param allocation the allocation, or null
     * @param devices the status entries already present, or an empty list
     * @return the stored claim
     */
    public static ResourceClaim store(KubernetesClient client, String name, AllocationResult allocation,
                                      List<AllocatedDeviceStatus> devices) {
        return store(client, name, allocation, devices, List.of());
    }

    /**
     * Creates a claim reserved for a pod, as the scheduler leaves it once the pod is scheduled.
     *
     * @param client the client
     * @param name the claim name
     * @param allocation the allocation
     * @param pod the pod in {@code status.reservedFor}
     * @return the stored claim
     */
    public static ResourceClaim storeReservedFor(KubernetesClient client, String name, AllocationResult allocation,
                                                 String pod) {
        return store(client, name, allocation, List.of(),
                List.of(new ResourceClaimConsumerReference("", pod, "pods", UUID.randomUUID().toString())));
    }

    private static ResourceClaim store(KubernetesClient client, String name, AllocationResult allocation,
                                       List<AllocatedDeviceStatus> devices, List<ResourceClaimConsumerReference> reservedFor) {
        ResourceClaim claim = new ResourceClaimBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withUid(UUID.randomUUID().toString()).endMetadata().withNewSpec().endSpec().build();
        ResourceClaim created = client.dynamicResourceAllocation().v1().resourceClaims().inNamespace(NAMESPACE)
                .resource(claim).create();
        created.setStatus(new ResourceClaimStatus(allocation, devices.isEmpty() ? null : devices,
                reservedFor.isEmpty() ? null : reservedFor));
        return client.dynamicResourceAllocation().v1().resourceClaims().inNamespace(NAMESPACE).resource(created)
                .updateStatus();
    }

    /**
     * Deallocates a claim as Kubernetes does once no pod uses it: allocation, device entries and
     * reservations go in one status write (the API server refuses device entries of devices the
     * claim does not have allocated).
     *
     * @param client the client
     * @param name the claim name
     * @return the stored claim
     */
    public static ResourceClaim deallocate(KubernetesClient client, String name) {
        for (int attempt = 0; ; attempt++) {
            ResourceClaim claim = handle(client, name).get();
            claim.setStatus(new ResourceClaimStatus());
            try {
                return client.dynamicResourceAllocation().v1().resourceClaims().inNamespace(NAMESPACE).resource(claim)
                        .lockResourceVersion(claim.getMetadata().getResourceVersion()).updateStatus();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= 20) {
                    throw e;
                }
            }
        }
    }
}
