package dev.multipool.api;

/** A release named an address that is not allocated in the pool (or a pool the node does not hold). */
public final class AddressNotAllocatedException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the message
     * @param pool the pool
     * @param address the address
     */
    public AddressNotAllocatedException(String message, PoolName pool, IpAddress address) {
        super(message, pool, address.family(), address, null, null);
    }
}
