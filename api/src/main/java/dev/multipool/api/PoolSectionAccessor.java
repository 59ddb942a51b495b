package dev.multipool.api;

import java.util.List;

/**
 * Reads a consumer's {@link PoolSection} from the node resource and writes it back. This is what
 * makes one generic manager serve several consumers: each consumer names its own part of the
 * CiliumNode, and the host never touches another consumer's part.
 *
 * <p>Most consumers use {@link #atPath(String...)}, which handles Cilium's {@code IPAMPoolSpec}
 * shape at any path. Implementations must be thread-safe and free of side effects; the host calls
 * them for every node event and every write.
 */
public interface PoolSectionAccessor {

    /**
     * Reads the section. A missing section reads as {@link PoolSection#EMPTY}.
     *
     * @param node the node resource
     * @return the section
     * @throws InvalidPoolSectionException if the section is present but cannot be read; the message
     *     names the field, the pool and the bad value
     */
    PoolSection read(ResourceDocument node);

    /**
     * Returns a copy of the node with the section replaced. Every other part of the node is kept.
     * An empty section is removed from the node (Cilium omits empty sections).
     *
     * @param node the node resource
     * @param section the section to store
     * @return the changed node
     */
    ResourceDocument write(ResourceDocument node, PoolSection section);

    /**
     * Describes where the section lives, for messages and status pages.
     *
     * @return for example {@code spec.ipam.pools}
     */
    String describe();

    /**
     * Returns the accessor for Cilium's {@code IPAMPoolSpec} shape
     * ({@code {requested: [{pool, needed: {ipv4-addrs, ipv6-addrs}}], allocated: [{pool, cidrs}]}}) at
     * a path of keys, for example {@code atPath("spec", "ipam", "pools")}.
     *
     * @param path the keys from the root of the node resource
     * @return the accessor
     */
    static PoolSectionAccessor atPath(String... path) {
        return new IpamPoolSpecAccessor(List.of(path));
    }
}
