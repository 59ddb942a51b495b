package dev.multipool.api;

import java.util.Optional;

/**
 * Derives the node's allocation range per family from the node resource, reported to callers as
 * {@code host-addressing.<family>.alloc-range} in REST responses.
 */
@FunctionalInterface
public interface AllocRangeResolver {

    /** A resolver that reports no range. */
    AllocRangeResolver NONE = (node, family) -> Optional.empty();

    /**
     * Returns the primary allocation CIDR of the node for a family.
     *
     * @param node the latest node resource
     * @param family the family
     * @return the CIDR, or empty when the node has none
     */
    Optional<Cidr> allocRange(ResourceDocument node, Family family);
}
