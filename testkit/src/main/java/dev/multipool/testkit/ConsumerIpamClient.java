package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import java.util.Map;

/**
 * The IPAM endpoints of one consumer ({@code /v1/consumers/<id>/ipam} or {@code /v1/ipam}), with
 * the semantics of Cilium's IPAM API: {@code 201} with an IPAMResponse for a next address,
 * {@code 200} for a specific address and a release, {@code 502} when the pool is not ready or
 * exhausted, {@code 400}/{@code 404}/{@code 409}/{@code 501} for the caller's mistakes. Obtained
 * from {@link HostClient#ipam(String)}.
 */
public final class ConsumerIpamClient {

    private final HostClient client;
    private final String base;

    ConsumerIpamClient(HostClient client, String base) {
        this.client = requireNonNull(client, "client is null");
        this.base = requireNonNull(base, "base is null");
    }

    /**
     * Returns the base path of these endpoints.
     *
     * @return for example {@code /v1/consumers/dra/ipam}
     */
    public String path() {
        return base;
    }

    /**
     * Allocates the next address of every enabled family, from the pool the consumer selects.
     *
     * @param owner who holds the address (the CNI sends {@code namespace/pod})
     * @return the response ({@code 201} with an IPAMResponse)
     */
    public HostResponse allocateNext(String owner) {
        return allocateNext(owner, null, null);
    }

    /**
     * Allocates the next address of every enabled family from a pool.
     *
     * @param owner who holds the address
     * @param pool the pool, or null to let the consumer's pool selector choose
     * @return the response
     */
    public HostResponse allocateNext(String owner, String pool) {
        return allocateNext(owner, pool, null);
    }

    /**
     * Allocates the next address.
     *
     * @param owner who holds the address
     * @param pool the pool, or null to let the consumer's pool selector choose
     * @param family the family, or null for every enabled family (IPv6 first, rolled back if IPv4 fails)
     * @return the response
     */
    public HostResponse allocateNext(String owner, String pool, Family family) {
        return client.post(base + Encoding.query("family", family == null ? null : family.wireName(),
                "owner", requireNonNull(owner, "owner is null"), "pool", pool));
    }

    /**
     * Allocates the next address with {@code expiration: true}: the host releases it unless
     * {@link #stopExpiration} confirms it in time (10 minutes, or the kit's
     * {@link MultipoolHostBuilder#expirationTimeout}).
     *
     * @param owner who holds the address
     * @param pool the pool, or null to let the consumer's pool selector choose
     * @param family the family, or null for every enabled family
     * @return the response, carrying {@code <family>.expiration-uuid}
     */
    public HostResponse allocateNextWithExpiration(String owner, String pool, Family family) {
        return client.send("POST", base + Encoding.query("family", family == null ? null : family.wireName(),
                "owner", requireNonNull(owner, "owner is null"), "pool", pool), Map.of("expiration", "true"));
    }

    /**
     * Allocates one specific address.
     *
     * @param address the address text
     * @param owner who holds it
     * @param pool the pool (required by the API)
     * @return the response ({@code 200}, {@code 409} when taken, {@code 400} when not allocatable)
     */
    public HostResponse allocate(String address, String owner, String pool) {
        return client.post(base + "/" + Encoding.pathSegment(requireNonNull(address, "address is null"))
                + Encoding.query("owner", requireNonNull(owner, "owner is null"), "pool", pool));
    }

    /**
     * Releases an address.
     *
     * @param address the address text
     * @param pool the pool it was allocated from
     * @return the response ({@code 200}, {@code 404} when not allocated)
     */
    public HostResponse release(String address, String pool) {
        return client.delete(base + "/" + Encoding.pathSegment(requireNonNull(address, "address is null"))
                + Encoding.query("pool", pool));
    }

    /**
     * Confirms an address allocated with an expiration timer, so it is kept.
     *
     * @param address the address text
     * @param pool the pool
     * @param uuid the {@code expiration-uuid} of the allocation
     * @return the response ({@code 200}, {@code 404} without a timer, {@code 409} for another UUID)
     */
    public HostResponse stopExpiration(String address, String pool, String uuid) {
        return client.delete(base + "/" + Encoding.pathSegment(requireNonNull(address, "address is null"))
                + "/expiration" + Encoding.query("pool", pool, "uuid", uuid));
    }
}
