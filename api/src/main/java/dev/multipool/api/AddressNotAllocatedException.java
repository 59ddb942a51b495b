package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/** A release named an address that is not allocated in the pool (or a pool the node does not hold). */
public final class AddressNotAllocatedException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the message
     * @param pool the pool
     * @param address the address
     * @throws NullPointerException if the message, the pool or the address is null
     */
    public AddressNotAllocatedException(String message, PoolName pool, IpAddress address) {
        super(requireNonNull(message, "message is null"), requireNonNull(pool, "pool is null"),
                requireNonNull(address, "address is null").family(), address, null, null);
    }
}
