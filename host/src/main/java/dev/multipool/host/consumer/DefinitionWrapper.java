package dev.multipool.host.consumer;

import dev.multipool.api.AllocRangeResolver;
import dev.multipool.api.BackgroundTask;
import dev.multipool.api.ConsumerDefinition;
import dev.multipool.api.MasqueradePolicy;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.PoolSelector;
import dev.multipool.api.StartupGate;
import dev.multipool.host.plugin.PluginCalls;

/** Makes every hook of a plugin's definition run with the plugin's class loader as TCCL. */
final class DefinitionWrapper {

    private DefinitionWrapper() {
    }

    static ConsumerDefinition wrap(ConsumerDefinition definition, ClassLoader loader) {
        return new ConsumerDefinition(
                PluginCalls.wrap(PoolSectionAccessor.class, definition.sectionAccessor(), loader),
                definition.poolKind(),
                definition.preAllocation(),
                definition.demandMode(),
                PluginCalls.wrap(MasqueradePolicy.class, definition.masqueradePolicy(), loader),
                definition.poolSelector().map(selector -> PluginCalls.wrap(PoolSelector.class, selector, loader)),
                PluginCalls.wrap(AllocRangeResolver.class, definition.allocRange(), loader),
                definition.startupGates().stream().map(gate -> PluginCalls.wrap(StartupGate.class, gate, loader)).toList(),
                definition.backgroundTasks().stream()
                        .map(task -> PluginCalls.wrap(BackgroundTask.class, task, loader)).toList());
    }
}
