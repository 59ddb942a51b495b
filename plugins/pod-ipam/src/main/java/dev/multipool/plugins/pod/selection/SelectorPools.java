package dev.multipool.plugins.pod.selection;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.LabelSelector;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pools that take part in selector matching, compiled from the pool table (spec P7 step 8).
 * Pools with neither selector are left out; a pool whose selector is invalid is left out and
 * logged. Immutable.
 */
public final class SelectorPools {

    private static final Logger LOG = LoggerFactory.getLogger(SelectorPools.class);

    /** No pool takes part. */
    public static final SelectorPools NONE = new SelectorPools(List.of());

    private final List<SelectorPool> pools;

    private SelectorPools(List<SelectorPool> pools) {
        this.pools = List.copyOf(pools);
    }

    /**
     * Compiles the pools of a pool table.
     *
     * @param definitions the pool objects
     * @return the pools that have a selector, in the order given
     */
    public static SelectorPools compile(List<PoolDefinition> definitions) {
        requireNonNull(definitions, "definitions is null");
        List<SelectorPool> compiled = new ArrayList<>();
        for (PoolDefinition definition : definitions) {
            Optional<LabelSelector> podSelector;
            Optional<LabelSelector> namespaceSelector;
            try {
                podSelector = definition.selector("podSelector");
                namespaceSelector = definition.selector("namespaceSelector");
            } catch (IllegalArgumentException e) {
                LOG.error("CiliumPodIPPool '{}' is left out of selector-based pool choice: {}", definition.name(),
                        e.getMessage());
                continue;
            }
            if (podSelector.isEmpty() && namespaceSelector.isEmpty()) {
                continue;
            }
            Set<Family> families = EnumSet.noneOf(Family.class);
            for (Family family : Family.values()) {
                definition.family(family).ifPresent(part -> families.add(family));
            }
            compiled.add(new SelectorPool(definition.name(), podSelector, namespaceSelector, families));
        }
        return new SelectorPools(compiled);
    }

    /**
     * Returns the pools that select a pod for a family.
     *
     * @param family the family asked for
     * @param podLabels the pod's labels including the synthetic ones
     * @param namespaceLabels the namespace's labels
     * @return the matching pools, sorted by name
     */
    public List<PoolName> matching(Family family, Map<String, String> podLabels, Map<String, String> namespaceLabels) {
        return pools.stream()
                .filter(pool -> pool.selects(family, podLabels, namespaceLabels))
                .map(SelectorPool::name)
                .sorted()
                .toList();
    }

    /**
     * Returns the compiled pools.
     *
     * @return the pools that have a selector
     */
    public List<SelectorPool> pools() {
        return pools;
    }
}
