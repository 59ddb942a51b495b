package dev.multipool.plugins.dra.testing;

import dev.multipool.api.ResourceDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds CiliumResourceIPPool objects (cilium.io/v2alpha1) and CiliumNodes as they read from JSON. */
public final class Pools {

    private Pools() {
    }

    /**
     * Returns a dual-stack pool.
     *
     * @param name the pool name
     * @param v4 an IPv4 CIDR, or null for none
     * @param v6 an IPv6 CIDR, or null for none
     * @return the object
     */
    public static ResourceDocument pool(String name, String v4, String v6) {
        return pool(name, v4, v6, null, Map.of());
    }

    /**
     * Returns a pool with a node selector and annotations.
     *
     * @param name the pool name
     * @param v4 an IPv4 CIDR, or null
     * @param v6 an IPv6 CIDR, or null
     * @param nodeSelector the {@code spec.nodeSelector} tree, or null for none
     * @param annotations the annotations
     * @return the object
     */
    public static ResourceDocument pool(String name, String v4, String v6, Map<String, Object> nodeSelector,
                                        Map<String, String> annotations) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (!annotations.isEmpty()) {
            metadata.put("annotations", annotations);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("ipv4", v4 == null ? null : Map.of("cidrs", List.of(v4), "maskSize", 24L));
        spec.put("ipv6", v6 == null ? null : Map.of("cidrs", List.of(v6), "maskSize", 64L));
        if (nodeSelector != null) {
            spec.put("nodeSelector", nodeSelector);
        }
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("apiVersion", "cilium.io/v2alpha1");
        pool.put("kind", "CiliumResourceIPPool");
        pool.put("metadata", metadata);
        pool.put("spec", spec);
        return ResourceDocument.of(pool);
    }

    /**
     * Returns a CiliumNode document with labels.
     *
     * @param name the node name
     * @param labels its labels
     * @return the node
     */
    public static ResourceDocument node(String name, Map<String, String> labels) {
        return ResourceDocument.of(Map.of("apiVersion", "cilium.io/v2", "kind", "CiliumNode",
                "metadata", Map.of("name", name, "labels", labels), "spec", Map.of()));
    }
}
