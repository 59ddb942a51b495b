package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the Cilium objects host tests put on the mock API server, and the section values they
 * expect back, as plain JSON trees (maps, lists, strings, longs) so comparisons check exactly what
 * is on the wire: key omission, list order and CIDR spelling included.
 */
public final class CiliumObjects {

    /** Path of the pod section. */
    public static final List<String> POOLS = List.of("spec", "ipam", "pools");
    /** Path of the DRA section. */
    public static final List<String> RESOURCE_POOLS = List.of("spec", "ipam", "resourcepools");

    private CiliumObjects() {
    }

    /**
     * Returns a CiliumNode with only its name.
     *
     * @param name the node name
     * @return the object
     */
    public static ResourceDocument node(String name) {
        requireNonNull(name, "name is null");
        return ResourceDocument.of(Map.of("apiVersion", "cilium.io/v2", "kind", "CiliumNode",
                "metadata", Map.of("name", name)));
    }

    /**
     * Returns one {@code requested} entry; zero counts are omitted, as Cilium writes them.
     *
     * @param pool the pool
     * @param ipv4 IPv4 addresses wanted
     * @param ipv6 IPv6 addresses wanted
     * @return the entry
     */
    public static Map<String, Object> request(String pool, long ipv4, long ipv6) {
        Map<String, Object> needed = new LinkedHashMap<>();
        if (ipv4 != 0) {
            needed.put("ipv4-addrs", ipv4);
        }
        if (ipv6 != 0) {
            needed.put("ipv6-addrs", ipv6);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("pool", pool);
        if (!needed.isEmpty()) {
            entry.put("needed", needed);
        }
        return entry;
    }

    /**
     * Returns one {@code allocated} entry with the CIDR strings as given (order and spelling kept).
     *
     * @param pool the pool
     * @param cidrs the CIDRs
     * @return the entry
     */
    public static Map<String, Object> allocation(String pool, String... cidrs) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("pool", pool);
        if (cidrs.length > 0) {
            entry.put("cidrs", List.of(cidrs));
        }
        return entry;
    }

    /**
     * Returns a section value; empty lists are omitted, as Cilium writes them.
     *
     * @param requested the {@code requested} entries
     * @param allocated the {@code allocated} entries
     * @return the section
     */
    public static Map<String, Object> section(List<Map<String, Object>> requested, List<Map<String, Object>> allocated) {
        Map<String, Object> section = new LinkedHashMap<>();
        if (!requested.isEmpty()) {
            section.put("requested", requested);
        }
        if (!allocated.isEmpty()) {
            section.put("allocated", allocated);
        }
        return section;
    }

    /**
     * Returns entries as a list (for {@link #section}).
     *
     * @param entries the entries
     * @return the list
     */
    @SafeVarargs
    public static List<Map<String, Object>> entries(Map<String, Object>... entries) {
        return new ArrayList<>(Arrays.asList(entries));
    }

    /**
     * Returns the value of a section of a node.
     *
     * @param node the node
     * @param path {@link #POOLS} or {@link #RESOURCE_POOLS}
     * @return the section, or empty when absent
     */
    public static Optional<Object> sectionOf(ResourceDocument node, List<String> path) {
        return node.get(path.toArray(String[]::new));
    }

    /**
     * Returns a node whose section lists {@code allocated} as given, as an operator writes it: the
     * section's other keys ({@code requested} included) are kept.
     *
     * @param node the node as read
     * @param path {@link #POOLS} or {@link #RESOURCE_POOLS}
     * @param allocated the new {@code allocated} entries (an empty list removes the key)
     * @return the changed node
     */
    @SuppressWarnings("unchecked")
    public static ResourceDocument withAllocated(ResourceDocument node, List<String> path,
                                                 List<Map<String, Object>> allocated) {
        Map<String, Object> section = new LinkedHashMap<>((Map<String, Object>) node.getMap(path.toArray(String[]::new))
                .orElse(Map.of()));
        section.remove("allocated");
        if (!allocated.isEmpty()) {
            section.put("allocated", allocated);
        }
        return node.with(path, section);
    }

    /**
     * Returns a node whose section lists one pool's CIDRs as given (replacing that pool's entry, or
     * appending one), other pools and keys kept.
     *
     * @param node the node as read
     * @param path {@link #POOLS} or {@link #RESOURCE_POOLS}
     * @param pool the pool
     * @param cidrs its CIDRs, in the order the operator writes them
     * @return the changed node
     */
    @SuppressWarnings("unchecked")
    public static ResourceDocument withPoolAllocated(ResourceDocument node, List<String> path, String pool,
                                                     String... cidrs) {
        List<String> allocatedPath = new ArrayList<>(path);
        allocatedPath.add("allocated");
        List<Map<String, Object>> allocated = new ArrayList<>();
        boolean replaced = false;
        for (Object entry : node.getList(allocatedPath.toArray(String[]::new)).orElse(List.of())) {
            Map<String, Object> map = (Map<String, Object>) entry;
            if (pool.equals(map.get("pool"))) {
                allocated.add(allocation(pool, cidrs));
                replaced = true;
            } else {
                allocated.add(map);
            }
        }
        if (!replaced) {
            allocated.add(allocation(pool, cidrs));
        }
        return withAllocated(node, path, allocated);
    }

    /**
     * Returns the CIDRs a section lists for one pool, in the order written.
     *
     * @param node the node
     * @param path {@link #POOLS} or {@link #RESOURCE_POOLS}
     * @param pool the pool
     * @return the CIDR strings; empty when the pool is not listed
     */
    @SuppressWarnings("unchecked")
    public static List<String> allocatedCidrs(ResourceDocument node, List<String> path, String pool) {
        List<String> allocatedPath = new ArrayList<>(path);
        allocatedPath.add("allocated");
        for (Object entry : node.getList(allocatedPath.toArray(String[]::new)).orElse(List.of())) {
            Map<String, Object> allocation = (Map<String, Object>) entry;
            if (pool.equals(allocation.get("pool"))) {
                return (List<String>) allocation.getOrDefault("cidrs", List.of());
            }
        }
        return List.of();
    }

    /**
     * Returns a pool object of either kind with one CIDR per family.
     *
     * @param kind CiliumPodIPPool or CiliumResourceIPPool
     * @param name the pool name
     * @param ipv4 the IPv4 CIDR, or null for none
     * @param ipv4Mask the IPv4 block size
     * @param ipv6 the IPv6 CIDR, or null for none
     * @param ipv6Mask the IPv6 block size
     * @return the object
     */
    public static ResourceDocument pool(PoolKind kind, String name, String ipv4, int ipv4Mask, String ipv6, int ipv6Mask) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (ipv4 != null) {
            spec.put("ipv4", Map.of("cidrs", List.of(ipv4), "maskSize", (long) ipv4Mask));
        }
        if (ipv6 != null) {
            spec.put("ipv6", Map.of("cidrs", List.of(ipv6), "maskSize", (long) ipv6Mask));
        }
        return ResourceDocument.of(Map.of("apiVersion", kind.apiVersion(), "kind", kind.kind(),
                "metadata", Map.of("name", name), "spec", spec));
    }
}
