package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link PoolSelector} knows about a next-address request that named no pool.
 *
 * @param owner the owner string of the request (the CNI sends {@code namespace/pod}); may be empty
 * @param family the family being allocated
 */
public record SelectionRequest(String owner, Family family) {

    /** Validates the parts. */
    public SelectionRequest {
        requireNonNull(owner, "owner is null");
        requireNonNull(family, "family is null");
    }
}
