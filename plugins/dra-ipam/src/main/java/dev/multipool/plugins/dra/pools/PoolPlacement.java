package dev.multipool.plugins.dra.pools;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.LabelRequirement;
import dev.multipool.api.LabelSelector;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolName;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Decides whether a CiliumResourceIPPool may be used on this node: the pool must be known and its
 * {@code spec.nodeSelector} must select this node's labels (the {@code metadata.labels} of the
 * node's CiliumNode). A pool without a node selector matches every node (spec D5), and so does an
 * empty selector, as in Kubernetes.
 *
 * <p>Thread-safe: it reads the host's in-memory pool catalog and the latest node document only.
 */
public final class PoolPlacement {

    /** The field of a CiliumResourceIPPool's {@code spec} that restricts it to some nodes. */
    public static final String NODE_SELECTOR_FIELD = "nodeSelector";

    private final PoolCatalog catalog;
    private final String nodeName;
    private final Supplier<Optional<Map<String, String>>> nodeLabels;

    /**
     * Creates the placement check.
     *
     * @param catalog the CiliumResourceIPPool catalog
     * @param nodeName this node's name, for messages
     * @param nodeLabels this node's labels, empty while the node has not been seen
     */
    public PoolPlacement(PoolCatalog catalog, String nodeName, Supplier<Optional<Map<String, String>>> nodeLabels) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
        this.nodeLabels = requireNonNull(nodeLabels, "nodeLabels is null");
    }

    /**
     * Returns the catalog the check reads.
     *
     * @return the CiliumResourceIPPool catalog
     */
    public PoolCatalog catalog() {
        return catalog;
    }

    /**
     * Decides about one pool.
     *
     * @param pool the pool name
     * @return the verdict
     */
    public PoolVerdict evaluate(PoolName pool) {
        requireNonNull(pool, "pool is null");
        Optional<PoolDefinition> definition = catalog.get(pool);
        if (definition.isEmpty()) {
            boolean synced = catalog.isSynced();
            return new PoolVerdict.Unknown("CiliumResourceIPPool \"" + pool + "\" not found"
                    + (synced ? "" : " (the pool list is still loading)"), synced);
        }
        Optional<LabelSelector> selector;
        try {
            selector = definition.get().selector(NODE_SELECTOR_FIELD);
        } catch (IllegalArgumentException e) {
            return new PoolVerdict.Invalid(e.getMessage());
        }
        if (selector.isEmpty()) {
            return new PoolVerdict.Usable(definition.get());
        }
        Optional<Map<String, String>> labels = nodeLabels.get();
        if (labels.isEmpty()) {
            return new PoolVerdict.NodeUnknown("pool \"" + pool + "\" has a node selector, but node \"" + nodeName
                    + "\" (its CiliumNode) has not been seen yet");
        }
        if (!selector.get().matches(labels.get())) {
            return new PoolVerdict.NotForThisNode("pool \"" + pool + "\" is not available on node \"" + nodeName
                    + "\": its spec.nodeSelector " + describe(selector.get()) + " does not match the node's labels "
                    + labels.get());
        }
        return new PoolVerdict.Usable(definition.get());
    }

    private static String describe(LabelSelector selector) {
        StringBuilder text = new StringBuilder("{");
        if (!selector.matchLabels().isEmpty()) {
            text.append("matchLabels: ").append(new TreeMap<>(selector.matchLabels()));
        }
        if (!selector.matchExpressions().isEmpty()) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append("matchExpressions: [");
            for (int i = 0; i < selector.matchExpressions().size(); i++) {
                LabelRequirement requirement = selector.matchExpressions().get(i);
                text.append(i == 0 ? "" : ", ").append(requirement.key()).append(' ').append(requirement.operator())
                        .append(requirement.values().isEmpty() ? "" : " " + requirement.values());
            }
            text.append(']');
        }
        return text.append('}').toString();
    }
}
