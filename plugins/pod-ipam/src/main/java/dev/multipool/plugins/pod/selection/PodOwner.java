package dev.multipool.plugins.pod.selection;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolName;
import java.util.Optional;

/**
 * A request owner that names a pod: {@code namespace/name}, both DNS-1123 subdomains (spec P7
 * step 3). Owners of any other form ({@code router}, {@code health}, {@code default/xwing_net2})
 * are not pods and get the default pool.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 */
public record PodOwner(String namespace, String name) {

    /** Validates the parts. */
    public PodOwner {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        if (!isSubdomain(namespace) || !isSubdomain(name)) {
            throw new IllegalArgumentException("not a pod owner: \"" + namespace + "/" + name + "\"");
        }
    }

    /**
     * Reads an owner string.
     *
     * @param owner the owner of a request
     * @return the pod, or empty when the owner is not {@code namespace/name} with valid parts
     */
    public static Optional<PodOwner> parse(String owner) {
        requireNonNull(owner, "owner is null");
        int slash = owner.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String namespace = owner.substring(0, slash);
        String name = owner.substring(slash + 1);
        return isSubdomain(namespace) && isSubdomain(name) ? Optional.of(new PodOwner(namespace, name)) : Optional.empty();
    }

    private static boolean isSubdomain(String text) {
        // a pool name is a DNS-1123 subdomain of at most 253 characters: the same rule
        return PoolName.isValid(text);
    }

    /**
     * Returns {@code namespace/name}.
     *
     * @return the owner text
     */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
