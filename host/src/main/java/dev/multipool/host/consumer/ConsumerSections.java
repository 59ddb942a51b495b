package dev.multipool.host.consumer;

import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolSectionAccessor;

/**
 * Told about every consumer's section once the consumer is defined. Standalone mode's embedded
 * operator serves the sections it is told about; in Kubernetes mode an external operator does.
 */
@FunctionalInterface
public interface ConsumerSections {

    /** For hosts whose operator runs elsewhere. */
    ConsumerSections NONE = (consumerId, accessor, pools) -> { };

    /**
     * Registers a consumer's section.
     *
     * @param consumerId the consumer
     * @param accessor where its section lives
     * @param pools its pool objects
     */
    void register(String consumerId, PoolSectionAccessor accessor, PoolCatalog pools);
}
