package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Host-wide settings every consumer runtime uses.
 *
 * @param nodeName the node's name
 * @param mode kubernetes or standalone
 * @param families the enabled families
 * @param clock the clock
 * @param nodeUpdateRate the node writer's debounce ({@code --ipam-cilium-node-update-rate})
 * @param refreshInterval the node writer's periodic pass (1 minute)
 * @param expirationTimeout how long an unconfirmed address lives (10 minutes, spec A5.7)
 * @param gatePollInterval how often a waiting gate is checked
 */
public record RuntimeSettings(String nodeName, HostMode mode, Set<Family> families, Clock clock,
                              Duration nodeUpdateRate, Duration refreshInterval, Duration expirationTimeout,
                              Duration gatePollInterval) {

    /** Default refresh of the node writer (spec M31). */
    public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);
    /** Default life of an unconfirmed address (spec A5.7). */
    public static final Duration DEFAULT_EXPIRATION = Duration.ofMinutes(10);
    /** Default poll interval of waiting gates. */
    public static final Duration DEFAULT_GATE_POLL = Duration.ofMillis(100);

    /** Validates the parts. */
    public RuntimeSettings {
        requireNonNull(nodeName, "nodeName is null");
        requireNonNull(mode, "mode is null");
        families = Set.copyOf(requireNonNull(families, "families is null"));
        requireNonNull(clock, "clock is null");
        requireNonNull(nodeUpdateRate, "nodeUpdateRate is null");
        requireNonNull(refreshInterval, "refreshInterval is null");
        requireNonNull(expirationTimeout, "expirationTimeout is null");
        requireNonNull(gatePollInterval, "gatePollInterval is null");
        if (families.isEmpty()) {
            throw new IllegalArgumentException("at least one family must be enabled");
        }
    }
}
