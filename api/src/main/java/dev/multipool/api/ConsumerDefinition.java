package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a consumer supplies to run one multi-pool manager: where its section lives, which
 * pools it reads, how demand is computed, and its hooks. Built with {@link #builder}; every hook
 * has an explicit default.
 *
 * @param sectionAccessor the consumer's part of the node resource
 * @param poolKind the kind of pool objects the consumer's pools are defined by
 * @param preAllocation spare addresses to keep per pool (pools absent here keep none)
 * @param demandMode how pre-allocation turns usage into demand
 * @param masqueradePolicy decides skip-masquerade per pool; default {@link MasqueradePolicy#NEVER}
 * @param poolSelector chooses a pool for requests without one; empty means callers must name it
 * @param allocRange reports the node's allocation range per family; default {@link AllocRangeResolver#NONE}
 * @param startupGates conditions checked in order before the consumer serves requests
 * @param backgroundTasks work started with the consumer and closed with it
 */
public record ConsumerDefinition(
        PoolSectionAccessor sectionAccessor,
        PoolKind poolKind,
        Map<PoolName, Integer> preAllocation,
        DemandMode demandMode,
        MasqueradePolicy masqueradePolicy,
        Optional<PoolSelector> poolSelector,
        AllocRangeResolver allocRange,
        List<StartupGate> startupGates,
        List<BackgroundTask> backgroundTasks) {

    /** Validates and copies the parts. */
    public ConsumerDefinition {
        requireNonNull(sectionAccessor, "sectionAccessor is null");
        requireNonNull(poolKind, "poolKind is null");
        requireNonNull(preAllocation, "preAllocation is null");
        requireNonNull(demandMode, "demandMode is null");
        requireNonNull(masqueradePolicy, "masqueradePolicy is null");
        requireNonNull(poolSelector, "poolSelector is null");
        requireNonNull(allocRange, "allocRange is null");
        preAllocation.forEach((pool, count) -> {
            requireNonNull(pool, "preAllocation has a null pool");
            if (count == null || count < 0) {
                throw new IllegalArgumentException("invalid pre-allocation for pool \"" + pool + "\": " + count
                        + " (must be 0 or more)");
            }
        });
        preAllocation = Collections.unmodifiableMap(new LinkedHashMap<>(preAllocation));
        startupGates = List.copyOf(requireNonNull(startupGates, "startupGates is null"));
        backgroundTasks = List.copyOf(requireNonNull(backgroundTasks, "backgroundTasks is null"));
    }

    /**
     * Starts a definition with the two parts every consumer needs.
     *
     * @param sectionAccessor where the consumer's pools live in the node resource
     * @param poolKind the kind of the consumer's pool objects
     * @return a builder with defaults for everything else
     */
    public static Builder builder(PoolSectionAccessor sectionAccessor, PoolKind poolKind) {
        return new Builder(sectionAccessor, poolKind);
    }

    /** Builds a {@link ConsumerDefinition}. Not thread-safe. */
    public static final class Builder {
        private final PoolSectionAccessor sectionAccessor;
        private final PoolKind poolKind;
        private Map<PoolName, Integer> preAllocation = Map.of();
        private DemandMode demandMode = DemandMode.CEIL;
        private MasqueradePolicy masqueradePolicy = MasqueradePolicy.NEVER;
        private PoolSelector poolSelector;
        private AllocRangeResolver allocRange = AllocRangeResolver.NONE;
        private final List<StartupGate> startupGates = new ArrayList<>();
        private final List<BackgroundTask> backgroundTasks = new ArrayList<>();

        private Builder(PoolSectionAccessor sectionAccessor, PoolKind poolKind) {
            this.sectionAccessor = requireNonNull(sectionAccessor, "sectionAccessor is null");
            this.poolKind = requireNonNull(poolKind, "poolKind is null");
        }

        /**
         * Sets the pre-allocation per pool.
         *
         * @param counts spare addresses per pool
         * @return this builder
         */
        public Builder preAllocation(Map<PoolName, Integer> counts) {
            this.preAllocation = requireNonNull(counts, "counts is null");
            return this;
        }

        /**
         * Sets the demand mode.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder demandMode(DemandMode mode) {
            this.demandMode = requireNonNull(mode, "mode is null");
            return this;
        }

        /**
         * Sets the masquerade policy.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder masqueradePolicy(MasqueradePolicy policy) {
            this.masqueradePolicy = requireNonNull(policy, "policy is null");
            return this;
        }

        /**
         * Sets the pool selector.
         *
         * @param selector the selector
         * @return this builder
         */
        public Builder poolSelector(PoolSelector selector) {
            this.poolSelector = requireNonNull(selector, "selector is null");
            return this;
        }

        /**
         * Sets the allocation range resolver.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder allocRange(AllocRangeResolver resolver) {
            this.allocRange = requireNonNull(resolver, "resolver is null");
            return this;
        }

        /**
         * Appends a startup gate.
         *
         * @param gate the gate
         * @return this builder
         */
        public Builder startupGate(StartupGate gate) {
            startupGates.add(requireNonNull(gate, "gate is null"));
            return this;
        }

        /**
         * Appends a background task.
         *
         * @param task the task
         * @return this builder
         */
        public Builder backgroundTask(BackgroundTask task) {
            backgroundTasks.add(requireNonNull(task, "task is null"));
            return this;
        }

        /**
         * Builds the definition.
         *
         * @return the definition
         */
        public ConsumerDefinition build() {
            return new ConsumerDefinition(sectionAccessor, poolKind, preAllocation, demandMode, masqueradePolicy,
                    Optional.ofNullable(poolSelector), allocRange, startupGates, backgroundTasks);
        }
    }
}
