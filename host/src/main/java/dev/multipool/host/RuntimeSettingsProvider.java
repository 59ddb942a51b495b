package dev.multipool.host;

import dev.multipool.host.config.HostOptions;
import dev.multipool.host.consumer.RuntimeSettings;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Clock;

/** The consumers' runtime settings from the host's flags. */
final class RuntimeSettingsProvider implements Provider<RuntimeSettings> {

    private final HostOptions options;
    private final Clock clock;

    @Inject
    RuntimeSettingsProvider(HostOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    @Override
    public RuntimeSettings get() {
        return new RuntimeSettings(options.nodeName(), options.mode(), options.enabledFamilies(), clock,
                options.nodeUpdateRate(), RuntimeSettings.DEFAULT_REFRESH, RuntimeSettings.DEFAULT_EXPIRATION,
                RuntimeSettings.DEFAULT_GATE_POLL);
    }
}
