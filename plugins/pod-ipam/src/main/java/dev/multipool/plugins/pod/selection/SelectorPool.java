package dev.multipool.plugins.pod.selection;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.LabelSelector;
import dev.multipool.api.PoolName;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pool that takes part in selector matching: it has a {@code podSelector}, a
 * {@code namespaceSelector} or both.
 *
 * @param name the pool
 * @param podSelector must match the pod's labels plus the synthetic namespace and name labels, if present
 * @param namespaceSelector must match the namespace's labels, if present
 * @param families the families the pool offers
 */
public record SelectorPool(PoolName name, Optional<LabelSelector> podSelector, Optional<LabelSelector> namespaceSelector,
                           Set<Family> families) {

    /** Validates the parts. */
    public SelectorPool {
        requireNonNull(name, "name is null");
        requireNonNull(podSelector, "podSelector is null");
        requireNonNull(namespaceSelector, "namespaceSelector is null");
        families = Set.copyOf(requireNonNull(families, "families is null"));
        if (podSelector.isEmpty() && namespaceSelector.isEmpty()) {
            throw new IllegalArgumentException("pool \"" + name + "\" has neither podSelector nor namespaceSelector");
        }
    }

    /**
     * Returns whether the pool selects a pod for a family: it offers the family and every selector it
     * has matches.
     *
     * @param family the family asked for
     * @param podLabels the pod's labels including the synthetic ones
     * @param namespaceLabels the namespace's labels
     * @return the result
     */
    public boolean selects(Family family, Map<String, String> podLabels, Map<String, String> namespaceLabels) {
        return families.contains(family)
                && podSelector.map(selector -> selector.matches(podLabels)).orElse(true)
                && namespaceSelector.map(selector -> selector.matches(namespaceLabels)).orElse(true);
    }
}
