package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import java.util.Optional;

/**
 * A request for the next free address ({@code POST /v1/ipam}).
 *
 * @param family one family, or empty for every enabled family
 * @param owner the owner (may be empty)
 * @param pool the pool, or empty to let the consumer's pool selector choose per family
 * @param expiration whether to start a 10-minute expiration timer per address
 */
public record NextAddressRequest(Optional<Family> family, String owner, Optional<PoolName> pool, boolean expiration) {

    /** Validates the parts. */
    public NextAddressRequest {
        requireNonNull(family, "family is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(pool, "pool is null");
    }
}
