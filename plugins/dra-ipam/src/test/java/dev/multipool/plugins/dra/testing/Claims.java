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
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
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
        ResourceClaim claim = new ResourceClaimBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withUid(UUID.randomUUID().toString()).endMetadata().withNewSpec().endSpec().build();
        ResourceClaim created = client.dynamicResourceAllocation().v1().resourceClaims().inNamespace(NAMESPACE)
                .resource(claim).create();
        created.setStatus(new ResourceClaimStatus(allocation, devices.isEmpty() ? null : devices, null));
        return client.dynamicResourceAllocation().v1().resourceClaims().inNamespace(NAMESPACE).resource(created)
                .updateStatus();
    }
}
