package dev.multipool.plugins.pod.selection;

import java.util.Optional;

/**
 * An in-memory, read-only view of the pods of this node and of the namespaces, as pool selection
 * needs them. Lookups never block on I/O. Implementations are thread-safe.
 */
public interface PodDirectory {

    /**
     * Returns whether the first full listing of pods and namespaces has arrived; before that, an
     * absent pod may still exist.
     *
     * @return true once synced
     */
    boolean isSynced();

    /**
     * Returns a pod of this node.
     *
     * @param namespace the namespace
     * @param name the pod name
     * @return the pod, if known
     */
    Optional<PodMeta> pod(String namespace, String name);

    /**
     * Returns a namespace.
     *
     * @param name the namespace name
     * @return the namespace, if known
     */
    Optional<NamespaceMeta> namespace(String name);
}
