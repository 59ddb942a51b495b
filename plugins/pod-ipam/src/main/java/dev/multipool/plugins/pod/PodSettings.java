package dev.multipool.plugins.pod;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.PoolName;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pod consumer's option values, read once from the host's parsed {@link ConsumerOptions}.
 *
 * @param preAllocation spare addresses per pool, in the order given
 * @param defaultPool the default pool
 * @param onlyMasqueradeDefaultPool whether every pool but the default one skips masquerading
 * @param cidrWaitTimeout how long the {@code cidrs-present} gate waits; zero means no deadline
 */
public record PodSettings(Map<PoolName, Integer> preAllocation, PoolName defaultPool,
                          boolean onlyMasqueradeDefaultPool, Duration cidrWaitTimeout) {

    /** The default of {@link PodOptions#CIDR_WAIT_TIMEOUT}: Cilium's per-round wait. */
    public static final Duration DEFAULT_CIDR_WAIT_TIMEOUT = Duration.ofMinutes(3);

    /** Validates and copies the parts. */
    public PodSettings {
        requireNonNull(preAllocation, "preAllocation is null");
        requireNonNull(defaultPool, "defaultPool is null");
        requireNonNull(cidrWaitTimeout, "cidrWaitTimeout is null");
        if (cidrWaitTimeout.isNegative()) {
            throw new IllegalArgumentException("cidrWaitTimeout must not be negative: " + cidrWaitTimeout);
        }
        preAllocation = Collections.unmodifiableMap(new LinkedHashMap<>(preAllocation));
    }

    /**
     * Reads the settings from the host's parsed options.
     *
     * @param options the options the host parsed for this consumer
     * @return the settings
     */
    public static PodSettings from(ConsumerOptions options) {
        requireNonNull(options, "options is null");
        // a NAME option: the host has refused anything that is not a valid pool name (exit status 2)
        PoolName defaultPool = PoolName.of(options.string(PodOptions.DEFAULT_POOL).orElse("default"));
        return new PodSettings(options.poolCounts(PodOptions.PRE_ALLOCATION), defaultPool,
                options.bool(PodOptions.ONLY_MASQUERADE_DEFAULT_POOL),
                options.duration(PodOptions.CIDR_WAIT_TIMEOUT).orElse(DEFAULT_CIDR_WAIT_TIMEOUT));
    }
}
