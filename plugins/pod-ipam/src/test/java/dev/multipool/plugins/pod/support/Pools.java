package dev.multipool.plugins.pod.support;

import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds CiliumPodIPPool objects the way the host's catalog delivers them. */
public final class Pools {

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final Map<String, Object> spec = new LinkedHashMap<>();

    private Pools(String name) {
        metadata.put("name", name);
    }

    /**
     * Starts a pool.
     *
     * @param name the pool name
     * @return the builder
     */
    public static Pools pool(String name) {
        return new Pools(name);
    }

    /**
     * Adds an IPv4 part ({@code v2alpha1} shape: CIDRs as strings).
     *
     * @param cidr the pool CIDR
     * @param maskSize the block size
     * @return this builder
     */
    public Pools ipv4(String cidr, long maskSize) {
        spec.put("ipv4", Map.of("cidrs", List.of(cidr), "maskSize", maskSize));
        return this;
    }

    /**
     * Adds an IPv6 part in the {@code v2} shape (CIDRs as objects).
     *
     * @param cidr the pool CIDR
     * @param maskSize the block size
     * @return this builder
     */
    public Pools ipv6(String cidr, long maskSize) {
        spec.put("ipv6", Map.of("cidrs", List.of(Map.of("cidr", cidr)), "maskSize", maskSize));
        return this;
    }

    /**
     * Adds an annotation.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    public Pools annotation(String key, String value) {
        ((Map<String, Object>) metadata.computeIfAbsent("annotations", k -> new LinkedHashMap<>())).put(key, value);
        return this;
    }

    /**
     * Sets {@code spec.podSelector} to {@code matchLabels}.
     *
     * @param labels the labels to match
     * @return this builder
     */
    public Pools podSelector(Map<String, String> labels) {
        spec.put("podSelector", Map.of("matchLabels", labels));
        return this;
    }

    /**
     * Sets {@code spec.namespaceSelector} to {@code matchLabels}.
     *
     * @param labels the labels to match
     * @return this builder
     */
    public Pools namespaceSelector(Map<String, String> labels) {
        spec.put("namespaceSelector", Map.of("matchLabels", labels));
        return this;
    }

    /**
     * Sets any spec field to a raw tree.
     *
     * @param field the field
     * @param value the value
     * @return this builder
     */
    public Pools spec(String field, Object value) {
        spec.put(field, value);
        return this;
    }

    /**
     * Builds the pool object, as it is stored on an API server.
     *
     * @return the object
     */
    public ResourceDocument document() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "cilium.io/v2alpha1");
        object.put("kind", "CiliumPodIPPool");
        object.put("metadata", metadata);
        object.put("spec", spec);
        return ResourceDocument.of(object);
    }

    /**
     * Builds the pool definition.
     *
     * @return the parsed pool
     */
    public PoolDefinition build() {
        return PoolDefinition.parse(PoolKind.CILIUM_POD_IP_POOL, document());
    }
}
