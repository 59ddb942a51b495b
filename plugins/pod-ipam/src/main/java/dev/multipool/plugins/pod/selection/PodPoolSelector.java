package dev.multipool.plugins.pod.selection;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSelectionException;
import dev.multipool.api.PoolSelector;
import dev.multipool.api.SelectionRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cilium's pod pool selection (spec P7), first hit wins:
 * <ol>
 *   <li>before the pool table has synced: error (Cilium's {@code ErrManagerPoolsNotSynced});</li>
 *   <li>an owner that is not {@code namespace/name} with DNS-1123 subdomain parts: the default pool;</li>
 *   <li>pod missing: error; pod annotation {@code ipam.cilium.io/ipv4-pool} / {@code ipv6-pool},
 *       then {@code ip-pool} (empty values ignored);</li>
 *   <li>namespace missing: error; the same namespace annotations;</li>
 *   <li>pools whose {@code podSelector} (pod labels plus {@code io.kubernetes.pod.namespace} and
 *       {@code io.kubernetes.pod.name}) and {@code namespaceSelector} match, among pools offering
 *       the family: one match wins, two or more are an error, none with
 *       {@code ipam.cilium.io/require-pool-match: "true"} on the pod or namespace is an error;</li>
 *   <li>the default pool.</li>
 * </ol>
 * Reads only in-memory views, so it never blocks.
 */
public final class PodPoolSelector implements PoolSelector {

    private final PoolCatalog catalog;
    private final SelectorPoolCache selectorPools;
    private final PodDirectory directory;
    private final PoolName defaultPool;

    /**
     * Creates the selector.
     *
     * @param catalog the CiliumPodIPPool table (its sync state is step 1)
     * @param selectorPools the compiled pool selectors
     * @param directory the pods of this node and the namespaces
     * @param defaultPool the default pool
     */
    public PodPoolSelector(PoolCatalog catalog, SelectorPoolCache selectorPools, PodDirectory directory,
                           PoolName defaultPool) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.selectorPools = requireNonNull(selectorPools, "selectorPools is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.defaultPool = requireNonNull(defaultPool, "defaultPool is null");
    }

    @Override
    public PoolName select(SelectionRequest request) {
        requireNonNull(request, "request is null");
        String owner = request.owner();
        Family family = request.family();
        if (!catalog.isSynced()) {
            throw new PoolSelectionException("pool selection has not synced all pod IP pools yet (CiliumPodIPPool);"
                    + " cannot choose the " + family + " pool for " + describe(owner), family, owner);
        }
        Optional<PodOwner> parsed = PodOwner.parse(owner);
        if (parsed.isEmpty()) {
            return defaultPool;
        }
        PodOwner pod = parsed.get();
        if (!directory.isSynced()) {
            throw new PoolSelectionException("pool selection has not synced the pods of this node and the namespaces yet;"
                    + " cannot choose the " + family + " pool for pod " + pod, family, owner);
        }
        PodMeta podMeta = directory.pod(pod.namespace(), pod.name()).orElseThrow(() ->
                new PoolSelectionException("resource Pod \"" + pod + "\" not found", family, owner));
        Optional<PoolName> annotated = annotatedPool(podMeta.annotations(), "pod " + pod, family, owner);
        if (annotated.isPresent()) {
            return annotated.get();
        }
        NamespaceMeta namespace = directory.namespace(pod.namespace()).orElseThrow(() ->
                new PoolSelectionException("resource Namespace \"" + pod.namespace() + "\" not found", family, owner));
        annotated = annotatedPool(namespace.annotations(), "namespace " + pod.namespace(), family, owner);
        if (annotated.isPresent()) {
            return annotated.get();
        }
        return bySelectors(pod, podMeta, namespace, family, owner);
    }

    private PoolName bySelectors(PodOwner pod, PodMeta podMeta, NamespaceMeta namespace, Family family, String owner) {
        Map<String, String> podLabels = new HashMap<>(podMeta.labels());
        podLabels.put(PoolAnnotations.POD_NAMESPACE_LABEL, pod.namespace());
        podLabels.put(PoolAnnotations.POD_NAME_LABEL, pod.name());
        List<PoolName> matches = selectorPools.current().matching(family, podLabels, namespace.labels());
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new PoolSelectionException("multiple CiliumPodIPPools match pod " + pod + " (family=" + family + "): "
                    + matches, family, owner);
        }
        String requiredBy = PoolAnnotations.requiresPoolMatch(podMeta.annotations()) ? "pod"
                : PoolAnnotations.requiresPoolMatch(namespace.annotations()) ? "namespace" : null;
        if (requiredBy != null) {
            throw new PoolSelectionException("no matching CiliumPodIPPool found for pod " + pod + " (family=" + family
                    + ") and " + PoolAnnotations.REQUIRE_POOL_MATCH + " is set on the " + requiredBy, family, owner);
        }
        return defaultPool;
    }

    private static Optional<PoolName> annotatedPool(Map<String, String> annotations, String holder, Family family,
                                                    String owner) {
        return PoolAnnotations.poolFor(annotations, family).map(entry -> {
            if (!PoolName.isValid(entry.getValue())) {
                throw new PoolSelectionException(holder + ": annotation " + entry.getKey() + " names an invalid pool \""
                        + entry.getValue() + "\" (must be a DNS-1123 subdomain)", family, owner);
            }
            return PoolName.of(entry.getValue());
        });
    }

    private static String describe(String owner) {
        return owner.isEmpty() ? "an empty owner" : "owner \"" + owner + "\"";
    }
}
