package dev.multipool.api;

import java.util.Optional;

/**
 * The root of every error the SPI defines. Each error names what it is about (pool, family,
 * address, owner) where that is known, so callers can report it without parsing the message.
 * Messages follow Cilium's wording where Cilium has one, because users search for those strings.
 */
public class IpamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient PoolName pool;
    /** The address family the error is about, or null. */
    private final Family family;
    private final transient IpAddress address;
    /** The owner that asked, or null. */
    private final String owner;

    /**
     * Creates an error about nothing in particular.
     *
     * @param message the message
     */
    public IpamException(String message) {
        this(message, null, null, null, null, null);
    }

    /**
     * Creates an error with a cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public IpamException(String message, Throwable cause) {
        this(message, null, null, null, null, cause);
    }

    /**
     * Creates an error about a pool, family, address and owner, any of which may be null.
     *
     * @param message the message
     * @param pool the pool, or null
     * @param family the family, or null
     * @param address the address, or null
     * @param owner the owner, or null
     * @param cause the cause, or null
     */
    protected IpamException(String message, PoolName pool, Family family, IpAddress address, String owner, Throwable cause) {
        super(message, cause);
        this.pool = pool;
        this.family = family;
        this.address = address;
        this.owner = owner;
    }

    /**
     * Returns the pool the error is about.
     *
     * @return the pool, if known
     */
    public Optional<PoolName> pool() {
        return Optional.ofNullable(pool);
    }

    /**
     * Returns the family the error is about.
     *
     * @return the family, if known
     */
    public Optional<Family> family() {
        return Optional.ofNullable(family);
    }

    /**
     * Returns the address the error is about.
     *
     * @return the address, if known
     */
    public Optional<IpAddress> address() {
        return Optional.ofNullable(address);
    }

    /**
     * Returns the owner the error is about.
     *
     * @return the owner, if known
     */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }
}
