package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.multipool.host.config.HostOptions;
import dev.multipool.host.consumer.RuntimeSettings;
import java.time.Clock;

/**
 * Replaces the host's runtime timings (node writer refresh, expiration timeout, gate polling) with
 * the kit's; the node update rate comes from the host's own flag.
 */
final class KitTimings extends AbstractModule {

    private final HostSettings settings;

    KitTimings(HostSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Provides
    @Singleton
    RuntimeSettings runtimeSettings(HostOptions options, Clock clock) {
        return new RuntimeSettings(options.nodeName(), options.mode(), options.enabledFamilies(), clock,
                options.nodeUpdateRate(), settings.refreshInterval(), settings.expirationTimeout(),
                settings.gatePollInterval());
    }
}
