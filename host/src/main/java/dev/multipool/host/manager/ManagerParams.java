package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.DemandMode;
import dev.multipool.api.Family;
import dev.multipool.api.MasqueradePolicy;
import dev.multipool.api.PoolName;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link MultiPoolManager} is built from (Cilium's {@code MultiPoolManagerParams}):
 * plain values plus function-valued hooks, each with an explicit default in the {@link Builder}.
 *
 * @param consumerId the consumer the manager serves (for logs)
 * @param enabledFamilies the families the host serves; at least one. Default: IPv4 only
 * @param preAllocation spare addresses to keep per pool (spec M25–M29); values are not negative,
 *     and 0 means "no pre-allocation". Default: empty
 * @param demandMode how pre-allocation rounds demand (M26 or M27). Default: {@link DemandMode#CEIL}
 * @param masqueradePolicy consulted by next-address allocations, never under the manager's lock.
 *     Default: {@link MasqueradePolicy#NEVER}
 * @param allowFirstLastIps every range includes its first and last address (R4). Default: false
 * @param clock the time source for pending entries. Default: the UTC system clock
 * @param pendingTtl how long a failed allocation counts as demand (M19). Default: 5 minutes
 * @param random picks the start offset of next-address scans (R5); used under the manager's lock,
 *     so it need not be thread-safe. Default: a new {@link SplittableRandom}
 * @param syncTrigger called, never blocking and outside the manager's lock, when a call with
 *     {@code syncUpstream=true} leaves, and when the first node section arrives. Default: no-op
 * @param events receives CIDR and restore events, under the manager's lock. Default:
 *     {@link ManagerEvents#NONE}
 */
public record ManagerParams(String consumerId, Set<Family> enabledFamilies, Map<PoolName, Integer> preAllocation,
                            DemandMode demandMode, MasqueradePolicy masqueradePolicy, boolean allowFirstLastIps,
                            Clock clock, Duration pendingTtl, RandomGenerator random, Runnable syncTrigger,
                            ManagerEvents events) {

    /** Validates and copies the parts. */
    public ManagerParams {
        requireNonNull(consumerId, "consumerId is null");
        if (consumerId.isEmpty()) {
            throw new IllegalArgumentException("consumerId is empty");
        }
        requireNonNull(enabledFamilies, "enabledFamilies is null");
        if (enabledFamilies.isEmpty()) {
            throw new IllegalArgumentException("enabledFamilies is empty: enable ipv4, ipv6 or both");
        }
        enabledFamilies = Collections.unmodifiableSet(EnumSet.copyOf(enabledFamilies));
        requireNonNull(preAllocation, "preAllocation is null");
        preAllocation.forEach((pool, count) -> {
            requireNonNull(pool, "preAllocation pool is null");
            requireNonNull(count, () -> "preAllocation value for pool \"" + pool + "\" is null");
            if (count < 0) {
                throw new IllegalArgumentException(
                        "invalid value for pool \"" + pool + "\": pre-allocation must not be negative, got " + count);
            }
        });
        preAllocation = Collections.unmodifiableMap(new TreeMap<>(preAllocation));
        requireNonNull(demandMode, "demandMode is null");
        requireNonNull(masqueradePolicy, "masqueradePolicy is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(pendingTtl, "pendingTtl is null");
        if (pendingTtl.isNegative() || pendingTtl.isZero()) {
            throw new IllegalArgumentException("pendingTtl must be positive, got " + pendingTtl);
        }
        requireNonNull(random, "random is null");
        requireNonNull(syncTrigger, "syncTrigger is null");
        requireNonNull(events, "events is null");
    }

    /**
     * Starts parameters with every default.
     *
     * @param consumerId the consumer the manager serves
     * @return a builder
     */
    public static Builder builder(String consumerId) {
        return new Builder(consumerId);
    }

    /** Builds {@link ManagerParams}; every setter returns the builder. */
    public static final class Builder {

        private final String consumerId;
        private Set<Family> enabledFamilies = EnumSet.of(Family.IPV4);
        private Map<PoolName, Integer> preAllocation = Map.of();
        private DemandMode demandMode = DemandMode.CEIL;
        private MasqueradePolicy masqueradePolicy = MasqueradePolicy.NEVER;
        private boolean allowFirstLastIps;
        private Clock clock = Clock.systemUTC();
        private Duration pendingTtl = Duration.ofMinutes(5);
        private RandomGenerator random;
        private Runnable syncTrigger = () -> { };
        private ManagerEvents events = ManagerEvents.NONE;

        private Builder(String consumerId) {
            this.consumerId = requireNonNull(consumerId, "consumerId is null");
        }

        /**
         * Sets the enabled families.
         *
         * @param families at least one family
         * @return this builder
         */
        public Builder enabledFamilies(Set<Family> families) {
            this.enabledFamilies = requireNonNull(families, "families is null");
            return this;
        }

        /**
         * Sets the enabled families.
         *
         * @param first a family
         * @param more further families
         * @return this builder
         */
        public Builder enabledFamilies(Family first, Family... more) {
            this.enabledFamilies = EnumSet.of(first, more);
            return this;
        }

        /**
         * Sets the pre-allocation per pool.
         *
         * @param counts pool to count, counts not negative
         * @return this builder
         */
        public Builder preAllocation(Map<PoolName, Integer> counts) {
            this.preAllocation = requireNonNull(counts, "counts is null");
            return this;
        }

        /**
         * Sets the demand mode.
         *
         * @param mode ceil or linear
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
         * Makes the first and last address of every range usable.
         *
         * @param allow true to allow them
         * @return this builder
         */
        public Builder allowFirstLastIps(boolean allow) {
            this.allowFirstLastIps = allow;
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param newClock the clock
         * @return this builder
         */
        public Builder clock(Clock newClock) {
            this.clock = requireNonNull(newClock, "clock is null");
            return this;
        }

        /**
         * Sets how long a failed allocation counts as demand.
         *
         * @param ttl a positive duration
         * @return this builder
         */
        public Builder pendingTtl(Duration ttl) {
            this.pendingTtl = requireNonNull(ttl, "ttl is null");
            return this;
        }

        /**
         * Sets the random generator for next-address start offsets.
         *
         * @param generator the generator
         * @return this builder
         */
        public Builder random(RandomGenerator generator) {
            this.random = requireNonNull(generator, "generator is null");
            return this;
        }

        /**
         * Sets the sync trigger.
         *
         * @param trigger a non-blocking callback
         * @return this builder
         */
        public Builder syncTrigger(Runnable trigger) {
            this.syncTrigger = requireNonNull(trigger, "trigger is null");
            return this;
        }

        /**
         * Sets the event sink.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder events(ManagerEvents sink) {
            this.events = requireNonNull(sink, "sink is null");
            return this;
        }

        /**
         * Builds and validates the parameters.
         *
         * @return the parameters
         * @throws IllegalArgumentException naming the bad value
         */
        public ManagerParams build() {
            return new ManagerParams(consumerId, enabledFamilies, preAllocation, demandMode, masqueradePolicy,
                    allowFirstLastIps, clock, pendingTtl, random != null ? random : new SplittableRandom(),
                    syncTrigger, events);
        }
    }
}
