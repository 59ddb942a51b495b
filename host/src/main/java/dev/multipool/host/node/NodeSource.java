package dev.multipool.host.node;

import dev.multipool.api.HostMode;
import dev.multipool.api.ResourceDocument;
import java.util.Optional;

/**
 * The own node resource (the CiliumNode named after this node): a stream of its versions, and
 * optimistic-concurrency writes. One instance serves every consumer on the host; each consumer's
 * node writer changes only its own section.
 *
 * <p>Implementations: {@code node.kubernetes} (fabric8 informer + PUT with resourceVersion) and
 * {@code node.standalone} (a file-backed store under {@code --state-dir}).
 */
public interface NodeSource extends AutoCloseable {

    /**
     * Returns where the node lives.
     *
     * @return the mode
     */
    HostMode mode();

    /**
     * Starts delivering node versions to the listener: the current one as soon as it is known, then
     * every change (including this host's own writes). Called once.
     *
     * @param listener receives node events on a source thread; must not block
     */
    void start(NodeListener listener);

    /**
     * Returns the latest version this source has seen (from its watch or its own last write).
     *
     * @return the node, or empty before it is first seen
     */
    Optional<ResourceDocument> current();

    /**
     * Reads the freshest version from the backing store, bypassing the watch cache (used after a
     * conflict).
     *
     * @return the node
     * @throws NodeSourceException if the store cannot be read or the node does not exist
     */
    ResourceDocument fetch();

    /**
     * Replaces the node if its {@code metadata.resourceVersion} still matches the stored one.
     *
     * @param desired the whole node as it should be stored, carrying the resourceVersion it was
     *     read with
     * @return the stored node, with its new resourceVersion
     * @throws NodeConflictException if the node changed since {@code desired} was read (HTTP 409)
     * @throws NodeSourceException if the store cannot be written (unreachable, 5xx, not found)
     */
    ResourceDocument replace(ResourceDocument desired);

    /**
     * Returns the source's health for {@code /v1/healthz} and metrics.
     *
     * @return a snapshot
     */
    NodeSourceStatus status();

    /** Stops watching and releases connections. */
    @Override
    void close();
}
