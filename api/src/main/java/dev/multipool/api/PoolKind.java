package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * A cluster-scoped kind of pool object, for example Cilium's CiliumPodIPPool.
 *
 * @param group the API group
 * @param version the served version the host reads
 * @param kind the kind
 * @param plural the plural resource name
 */
public record PoolKind(String group, String version, String kind, String plural) {

    /** Cilium's pod pools: {@code cilium.io/v2alpha1 CiliumPodIPPool}. */
    public static final PoolKind CILIUM_POD_IP_POOL =
            new PoolKind("cilium.io", "v2alpha1", "CiliumPodIPPool", "ciliumpodippools");

    /** Cilium's resource (DRA) pools: {@code cilium.io/v2alpha1 CiliumResourceIPPool}. */
    public static final PoolKind CILIUM_RESOURCE_IP_POOL =
            new PoolKind("cilium.io", "v2alpha1", "CiliumResourceIPPool", "ciliumresourceippools");

    /** Validates the parts. */
    public PoolKind {
        requireNonNull(group, "group is null");
        requireNonNull(version, "version is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(plural, "plural is null");
        if (kind.isEmpty() || plural.isEmpty() || version.isEmpty()) {
            throw new IllegalArgumentException("kind, plural and version must not be empty");
        }
    }

    /**
     * Returns {@code group/version}, or the version alone for the core group.
     *
     * @return the apiVersion of objects of this kind
     */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
