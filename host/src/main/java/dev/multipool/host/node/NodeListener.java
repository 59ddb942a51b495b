package dev.multipool.host.node;

import dev.multipool.api.ResourceDocument;

/** Receives the own node's versions from a {@link NodeSource}. */
public interface NodeListener {

    /**
     * A version of the node was added or changed.
     *
     * @param node the node
     */
    void nodeUpserted(ResourceDocument node);

    /**
     * The node was deleted. Consumers keep their state and the last copy (spec M53).
     */
    void nodeDeleted();
}
