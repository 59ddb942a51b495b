package dev.multipool.host.pools;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.Subscription;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link PoolCatalog} whose pools are fixed when it is built (standalone mode's pool file). */
public final class StaticPoolCatalog implements PoolCatalog {

    private final PoolKind kind;
    private final Map<PoolName, PoolDefinition> pools = new TreeMap<>();

    /**
     * Creates the catalog.
     *
     * @param kind the kind it holds
     * @param pools the pools; all must be of {@code kind}
     */
    public StaticPoolCatalog(PoolKind kind, Collection<PoolDefinition> pools) {
        this.kind = requireNonNull(kind, "kind is null");
        for (PoolDefinition pool : pools) {
            if (!pool.kind().equals(kind)) {
                throw new IllegalArgumentException("pool \"" + pool.name() + "\" is a " + pool.kind().kind() + ", not a " + kind.kind());
            }
            if (this.pools.put(pool.name(), pool) != null) {
                throw new IllegalArgumentException("pool \"" + pool.name() + "\" of kind " + kind.kind() + " is defined twice");
            }
        }
    }

    @Override
    public PoolKind kind() {
        return kind;
    }

    @Override
    public boolean isSynced() {
        return true;
    }

    @Override
    public Optional<PoolDefinition> get(PoolName name) {
        return Optional.ofNullable(pools.get(name));
    }

    @Override
    public List<PoolDefinition> list() {
        return List.copyOf(pools.values());
    }

    @Override
    public Subscription onChange(Runnable listener) {
        requireNonNull(listener, "listener is null");
        return () -> { };
    }
}
