package dev.multipool.plugins.pod.range;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.ResourceDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's allocation CIDRs per family, derived as Cilium's local-node syncer does (spec P6):
 * walk {@code spec.ipam.podCIDRs}, then every {@code spec.ipam.pools.allocated} entry in list order
 * with its CIDRs in list order; per family the first valid CIDR is the primary and every later one a
 * secondary. Entries that are not valid CIDRs are skipped. The DRA section is not included.
 *
 * @param byFamily the valid CIDRs per family, in walk order
 */
public record NodeAllocCidrs(Map<Family, List<Cidr>> byFamily) {

    /** Validates and copies the parts. */
    public NodeAllocCidrs {
        requireNonNull(byFamily, "byFamily is null");
        Map<Family, List<Cidr>> copy = new EnumMap<>(Family.class);
        byFamily.forEach((family, cidrs) -> copy.put(family, List.copyOf(cidrs)));
        byFamily = Collections.unmodifiableMap(copy);
    }

    /**
     * Derives the CIDRs from a node resource.
     *
     * @param node the CiliumNode
     * @return the CIDRs per family
     */
    public static NodeAllocCidrs of(ResourceDocument node) {
        requireNonNull(node, "node is null");
        Map<Family, List<Cidr>> found = new EnumMap<>(Family.class);
        node.getList("spec", "ipam", "podCIDRs").ifPresent(texts -> addAll(found, texts));
        node.getList("spec", "ipam", "pools", "allocated").ifPresent(entries -> {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map && map.get("cidrs") instanceof List<?> texts) {
                    addAll(found, texts);
                }
            }
        });
        return new NodeAllocCidrs(found);
    }

    private static void addAll(Map<Family, List<Cidr>> found, List<?> texts) {
        for (Object text : texts) {
            if (text instanceof String cidrText) {
                parse(cidrText).ifPresent(cidr -> found.computeIfAbsent(cidr.family(), f -> new ArrayList<>()).add(cidr));
            }
        }
    }

    private static Optional<Cidr> parse(String text) {
        try {
            return Optional.of(Cidr.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns the primary allocation CIDR of a family.
     *
     * @param family the family
     * @return the first valid CIDR of that family, if any
     */
    public Optional<Cidr> primary(Family family) {
        List<Cidr> cidrs = byFamily.getOrDefault(family, List.of());
        return cidrs.isEmpty() ? Optional.empty() : Optional.of(cidrs.get(0));
    }

    /**
     * Returns the secondary allocation CIDRs of a family.
     *
     * @param family the family
     * @return every valid CIDR of that family after the primary, in walk order
     */
    public List<Cidr> secondaries(Family family) {
        List<Cidr> cidrs = byFamily.getOrDefault(family, List.of());
        return cidrs.isEmpty() ? List.of() : cidrs.subList(1, cidrs.size());
    }
}
