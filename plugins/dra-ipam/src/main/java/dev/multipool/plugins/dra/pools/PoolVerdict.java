package dev.multipool.plugins.dra.pools;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolDefinition;

/**
 * Whether a CiliumResourceIPPool may be used on this node, as {@link PoolPlacement} decides it.
 */
public sealed interface PoolVerdict {

    /**
     * Returns whether the pool may be used here.
     *
     * @return true only for {@link Usable}
     */
    default boolean usable() {
        return this instanceof Usable;
    }

    /**
     * Returns why the pool may not be used (empty for {@link Usable}).
     *
     * @return a message naming the pool and, where it applies, the node and selector
     */
    String message();

    /**
     * The pool exists and its {@code spec.nodeSelector} selects this node (or it has none).
     *
     * @param pool the pool definition
     */
    record Usable(PoolDefinition pool) implements PoolVerdict {
        /** Validates the part. */
        public Usable {
            requireNonNull(pool, "pool is null");
        }

        @Override
        public String message() {
            return "";
        }
    }

    /**
     * No pool object of that name is known.
     *
     * @param message what is missing
     * @param catalogSynced whether the pool catalog had its first full listing (if not, the pool may
     *     still show up)
     */
    record Unknown(String message, boolean catalogSynced) implements PoolVerdict {
        /** Validates the part. */
        public Unknown {
            requireNonNull(message, "message is null");
        }
    }

    /**
     * The pool's node selector does not select this node.
     *
     * @param message names pool, node and selector
     */
    record NotForThisNode(String message) implements PoolVerdict {
        /** Validates the part. */
        public NotForThisNode {
            requireNonNull(message, "message is null");
        }
    }

    /**
     * The pool's node selector cannot be read.
     *
     * @param message names the pool and the bad part
     */
    record Invalid(String message) implements PoolVerdict {
        /** Validates the part. */
        public Invalid {
            requireNonNull(message, "message is null");
        }
    }

    /**
     * The pool has a node selector, but this node's CiliumNode (and so its labels) has not been seen
     * yet.
     *
     * @param message names the pool and node
     */
    record NodeUnknown(String message) implements PoolVerdict {
        /** Validates the part. */
        public NodeUnknown {
            requireNonNull(message, "message is null");
        }
    }
}
