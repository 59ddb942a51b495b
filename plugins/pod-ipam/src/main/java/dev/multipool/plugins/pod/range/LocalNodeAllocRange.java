package dev.multipool.plugins.pod.range;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AllocRangeResolver;
import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.ResourceDocument;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reports the node's primary allocation CIDR per family ({@code host-addressing.<family>.alloc-range})
 * the way Cilium's local-node syncer keeps it (spec P6): the primary of {@link NodeAllocCidrs}
 * replaces the previous one whenever the node has one; when the node has no CIDR of a family at
 * all, the last primary seen is kept rather than cleared. Thread-safe.
 */
public final class LocalNodeAllocRange implements AllocRangeResolver {

    private final Map<Family, AtomicReference<Cidr>> lastPrimary = new EnumMap<>(Family.class);

    /** Creates a resolver that has seen no node yet. */
    public LocalNodeAllocRange() {
        for (Family family : Family.values()) {
            lastPrimary.put(family, new AtomicReference<>());
        }
    }

    @Override
    public Optional<Cidr> allocRange(ResourceDocument node, Family family) {
        requireNonNull(node, "node is null");
        AtomicReference<Cidr> last = lastPrimary.get(requireNonNull(family, "family is null"));
        Optional<Cidr> primary = NodeAllocCidrs.of(node).primary(family);
        primary.ifPresent(last::set);
        return primary.or(() -> Optional.ofNullable(last.get()));
    }
}
