package dev.multipool.host.consumer;

import dev.multipool.api.ResourceDocument;

/** Orders node versions by resourceVersion, so an older version never replaces a newer one. */
final class NodeVersions {

    private NodeVersions() {
    }

    /**
     * Returns whether {@code candidate} is newer than {@code current}. Kubernetes resource versions
     * are opaque strings; in practice they are increasing integers (etcd revisions), and so are the
     * standalone store's. When either is not an integer, the candidate counts as newer.
     */
    static boolean isNewer(ResourceDocument candidate, ResourceDocument current) {
        if (current == null) {
            return true;
        }
        String next = candidate.resourceVersion().orElse("");
        String previous = current.resourceVersion().orElse("");
        try {
            return Long.parseLong(next) > Long.parseLong(previous);
        } catch (NumberFormatException e) {
            return !next.equals(previous);
        }
    }
}
