package dev.multipool.host.state;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.util.Optional;

/**
 * A live allocation as stored: restored into its consumer's manager after a restart.
 *
 * @param consumer the consumer id
 * @param pool the pool
 * @param address the address
 * @param owner the owner
 * @param expiration the expiration timer still running, if any
 */
public record AllocationRecord(String consumer, PoolName pool, IpAddress address, String owner,
                               Optional<ExpirationTimer> expiration) {

    /** Validates the parts. */
    public AllocationRecord {
        requireNonNull(consumer, "consumer is null");
        requireNonNull(pool, "pool is null");
        requireNonNull(address, "address is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(expiration, "expiration is null");
    }
}
