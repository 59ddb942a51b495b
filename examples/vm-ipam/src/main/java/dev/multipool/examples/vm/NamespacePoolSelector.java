package dev.multipool.examples.vm;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSelectionException;
import dev.multipool.api.PoolSelector;
import dev.multipool.api.SelectionRequest;
import java.util.Map;

/**
 * Chooses the pool of a VM that asks for an address without naming one: the pool mapped to the
 * VM's namespace ({@code --vm-ipam-namespace-pools}), else the default pool. Requests whose owner
 * is not {@code <namespace>/<vm>} are refused, so a typo never lands a VM in the default pool.
 * Pure in-memory work, as the SPI asks of a selector.
 */
public final class NamespacePoolSelector implements PoolSelector {

    private final Map<String, PoolName> namespacePools;
    private final PoolName defaultPool;

    /**
     * Creates the selector.
     *
     * @param namespacePools pool per namespace
     * @param defaultPool the pool of every other namespace
     */
    public NamespacePoolSelector(Map<String, PoolName> namespacePools, PoolName defaultPool) {
        this.namespacePools = Map.copyOf(requireNonNull(namespacePools, "namespacePools is null"));
        this.defaultPool = requireNonNull(defaultPool, "defaultPool is null");
    }

    @Override
    public PoolName select(SelectionRequest request) {
        VmOwner owner;
        try {
            owner = VmOwner.parse(request.owner());
        } catch (IllegalArgumentException e) {
            throw new PoolSelectionException("cannot choose a VM pool: " + e.getMessage(), request.family(),
                    request.owner());
        }
        return namespacePools.getOrDefault(owner.namespace(), defaultPool);
    }
}
