package dev.multipool.examples.vm;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.Family;
import dev.multipool.api.GateDeadline;
import dev.multipool.api.GateStatus;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolName;
import dev.multipool.api.StartupGate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Holds the consumer back until every pre-allocated pool exists and has a free address in each
 * enabled family it offers, so the first VMs after a node start do not get errors. Gives up with a
 * warning after {@code --vm-ipam-start-timeout}: VMs of the other pools should not wait for a
 * misconfigured one. Reads in-memory state only, as the SPI asks of a gate.
 */
final class PoolsReadyGate implements StartupGate {

    private final ConsumerContext context;
    private final PoolCatalog pools;
    private final Map<PoolName, Integer> preAllocation;
    private final Duration timeout;

    PoolsReadyGate(ConsumerContext context, PoolCatalog pools, Map<PoolName, Integer> preAllocation, Duration timeout) {
        this.context = requireNonNull(context, "context is null");
        this.pools = requireNonNull(pools, "pools is null");
        this.preAllocation = Map.copyOf(requireNonNull(preAllocation, "preAllocation is null"));
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    @Override
    public String name() {
        return "pools-ready";
    }

    @Override
    public GateStatus check() {
        if (!pools.isSynced()) {
            return GateStatus.waiting("the VirtualMachineIPPools are not listed yet");
        }
        for (Map.Entry<PoolName, Integer> entry : preAllocation.entrySet()) {
            if (entry.getValue() == 0) {
                continue;
            }
            PoolName pool = entry.getKey();
            Optional<PoolDefinition> definition = pools.get(pool);
            if (definition.isEmpty()) {
                return GateStatus.waiting("VirtualMachineIPPool \"" + pool + "\" does not exist");
            }
            for (Family family : context.enabledFamilies()) {
                if (definition.get().family(family).isPresent() && !context.ipam().hasFreeAddress(pool, family)) {
                    return GateStatus.waiting("a CIDR of pool \"" + pool + "\" for " + family);
                }
            }
        }
        return GateStatus.open();
    }

    @Override
    public GateDeadline deadline() {
        return timeout.isZero() ? GateDeadline.none() : GateDeadline.proceedAfter(timeout);
    }
}
