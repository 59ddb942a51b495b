package dev.multipool.host.state;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.util.Optional;

/** One change to the allocation state. */
public sealed interface JournalEntry {

    /**
     * Returns the consumer the entry belongs to.
     *
     * @return the consumer id
     */
    String consumer();

    /**
     * Returns the pool of the address.
     *
     * @return the pool
     */
    PoolName pool();

    /**
     * Returns the address.
     *
     * @return the address
     */
    IpAddress address();

    /**
     * An address was allocated to an owner.
     *
     * @param consumer the consumer id
     * @param pool the pool
     * @param address the address
     * @param owner the owner
     * @param expiration the expiration timer started with it, if any
     */
    record Allocated(String consumer, PoolName pool, IpAddress address, String owner,
                     Optional<ExpirationTimer> expiration) implements JournalEntry {

        /** Validates the parts. */
        public Allocated {
            requireNonNull(consumer, "consumer is null");
            requireNonNull(pool, "pool is null");
            requireNonNull(address, "address is null");
            requireNonNull(owner, "owner is null");
            requireNonNull(expiration, "expiration is null");
        }
    }

    /**
     * An address was released.
     *
     * @param consumer the consumer id
     * @param pool the pool
     * @param address the address
     */
    record Released(String consumer, PoolName pool, IpAddress address) implements JournalEntry {

        /** Validates the parts. */
        public Released {
            requireNonNull(consumer, "consumer is null");
            requireNonNull(pool, "pool is null");
            requireNonNull(address, "address is null");
        }
    }

    /**
     * An address's expiration timer was stopped (the allocation was confirmed).
     *
     * @param consumer the consumer id
     * @param pool the pool
     * @param address the address
     */
    record ExpirationStopped(String consumer, PoolName pool, IpAddress address) implements JournalEntry {

        /** Validates the parts. */
        public ExpirationStopped {
            requireNonNull(consumer, "consumer is null");
            requireNonNull(pool, "pool is null");
            requireNonNull(address, "address is null");
        }
    }
}
