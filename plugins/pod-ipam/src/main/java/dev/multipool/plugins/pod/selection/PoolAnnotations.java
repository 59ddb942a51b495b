package dev.multipool.plugins.pod.selection;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import java.util.Map;
import java.util.Optional;

/** The pod and namespace annotations and synthetic labels of Cilium's pod pool selection (spec 1.4, P7). */
public final class PoolAnnotations {

    /** The pool for both families. */
    public static final String IP_POOL = "ipam.cilium.io/ip-pool";

    /** The pool for IPv4; wins over {@link #IP_POOL}. */
    public static final String IPV4_POOL = "ipam.cilium.io/ipv4-pool";

    /** The pool for IPv6; wins over {@link #IP_POOL}. */
    public static final String IPV6_POOL = "ipam.cilium.io/ipv6-pool";

    /** With value {@code "true"} on a pod or namespace: no selector match is an error, not the default pool. */
    public static final String REQUIRE_POOL_MATCH = "ipam.cilium.io/require-pool-match";

    /** Synthetic pod label holding the pod's namespace, matched by pool {@code podSelector}s. */
    public static final String POD_NAMESPACE_LABEL = "io.kubernetes.pod.namespace";

    /** Synthetic pod label holding the pod's name, matched by pool {@code podSelector}s. */
    public static final String POD_NAME_LABEL = "io.kubernetes.pod.name";

    private PoolAnnotations() {
    }

    /**
     * Finds the pool annotation that applies to a family: the family's own key, then
     * {@link #IP_POOL}. Empty values are ignored.
     *
     * @param annotations the annotations of a pod or namespace
     * @param family the family asked for
     * @return the annotation key and its value, if one applies
     */
    public static Optional<Map.Entry<String, String>> poolFor(Map<String, String> annotations, Family family) {
        requireNonNull(annotations, "annotations is null");
        String familyKey = family == Family.IPV4 ? IPV4_POOL : IPV6_POOL;
        for (String key : new String[] {familyKey, IP_POOL}) {
            String value = annotations.get(key);
            if (value != null && !value.isEmpty()) {
                return Optional.of(Map.entry(key, value));
            }
        }
        return Optional.empty();
    }

    /**
     * Returns whether the annotations demand a selector match.
     *
     * @param annotations the annotations of a pod or namespace
     * @return true when {@link #REQUIRE_POOL_MATCH} is {@code "true"}
     */
    public static boolean requiresPoolMatch(Map<String, String> annotations) {
        return "true".equals(annotations.get(REQUIRE_POOL_MATCH));
    }
}
