package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/** A specific address is already allocated (Cilium: "provided IP is already allocated"). */
public final class AddressInUseException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param pool the pool
     * @param address the address
     * @param owner the owner that asked, or null
     * @param currentOwner the owner holding the address, or null when unknown
     * @throws NullPointerException if the pool or the address is null
     */
    public AddressInUseException(PoolName pool, IpAddress address, String owner, String currentOwner) {
        super("unable to reserve IP " + requireNonNull(address, "address is null") + " from pool \""
                        + requireNonNull(pool, "pool is null") + "\" (family " + address.family()
                        + "): provided IP is already allocated" + (currentOwner == null ? "" : " (owner \"" + currentOwner + "\")"),
                pool, address.family(), address, owner, null);
    }
}
