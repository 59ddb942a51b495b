package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/**
 * A specific address cannot be allocated in the pool: it lies outside every delegated CIDR, or it
 * is a CIDR's excluded network or last address.
 */
public final class AddressNotInRangeException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the message (Cilium's wording: "... not in range ...")
     * @param pool the pool
     * @param address the address
     * @param owner the owner that asked, or null
     * @throws NullPointerException if the message, the pool or the address is null
     */
    public AddressNotInRangeException(String message, PoolName pool, IpAddress address, String owner) {
        super(requireNonNull(message, "message is null"), requireNonNull(pool, "pool is null"),
                requireNonNull(address, "address is null").family(), address, owner, null);
    }
}
