package dev.multipool.plugins.pod;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerException;
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
     * @throws ConsumerException naming the option when a value cannot be used
     */
    public static PodSettings from(ConsumerOptions options) {
        requireNonNull(options, "options is null");
        String poolText = options.string(PodOptions.DEFAULT_POOL).orElse("default");
        if (!PoolName.isValid(poolText)) {
            throw new ConsumerException("invalid --" + PodOptions.DEFAULT_POOL + " \"" + poolText
                    + "\": must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.') of at most "
                    + PoolName.MAX_LENGTH + " characters");
        }
        return new PodSettings(options.poolCounts(PodOptions.PRE_ALLOCATION), PoolName.of(poolText),
                options.bool(PodOptions.ONLY_MASQUERADE_DEFAULT_POOL),
                options.duration(PodOptions.CIDR_WAIT_TIMEOUT).orElse(DEFAULT_CIDR_WAIT_TIMEOUT));
    }
}
