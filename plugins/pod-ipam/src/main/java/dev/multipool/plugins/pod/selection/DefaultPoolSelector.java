package dev.multipool.plugins.pod.selection;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSelector;
import dev.multipool.api.SelectionRequest;

/**
 * Pool selection without Kubernetes (standalone mode): there are no pods or namespaces to read, so
 * a request that names no pool gets the default pool.
 */
public final class DefaultPoolSelector implements PoolSelector {

    private final PoolName defaultPool;

    /**
     * Creates the selector.
     *
     * @param defaultPool the default pool
     */
    public DefaultPoolSelector(PoolName defaultPool) {
        this.defaultPool = requireNonNull(defaultPool, "defaultPool is null");
    }

    @Override
    public PoolName select(SelectionRequest request) {
        requireNonNull(request, "request is null");
        return defaultPool;
    }
}
