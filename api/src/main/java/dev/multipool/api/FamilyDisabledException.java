package dev.multipool.api;

import static java.util.Objects.requireNonNull;

/** The request needs an address family that this host does not enable. */
public final class FamilyDisabledException extends IpamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param family the disabled family
     * @param address the address of the request, or null
     * @throws NullPointerException if the family is null
     */
    public FamilyDisabledException(Family family, IpAddress address) {
        super((address == null ? "" : "IP " + address + ": ") + "address family "
                + requireNonNull(family, "family is null") + " is disabled on this node", null, family, address, null, null);
    }
}
