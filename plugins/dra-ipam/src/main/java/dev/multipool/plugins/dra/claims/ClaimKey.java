package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Names a ResourceClaim: namespace and name.
 *
 * @param namespace the claim's namespace
 * @param name the claim's name
 */
public record ClaimKey(String namespace, String name) {

    /** Validates the parts. */
    public ClaimKey {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
    }

    /**
     * Returns the key of a claim object.
     *
     * @param claim the claim
     * @return its key
     */
    public static ClaimKey of(HasMetadata claim) {
        return new ClaimKey(claim.getMetadata().getNamespace(), claim.getMetadata().getName());
    }

    /**
     * Returns the owner string of the addresses of one device of this claim, as ARCHITECTURE.md 7.2
     * fixes it: {@code <namespace>/<claim name>/<device>}.
     *
     * @param device the device name from the allocation result
     * @return the owner
     */
    public String owner(String device) {
        return namespace + "/" + name + "/" + requireNonNull(device, "device is null");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
