package dev.multipool.host.status;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One plugin found in the plugins directory, loaded or not.
 *
 * @param id the plugin id, or the file name when the plugin has no readable descriptor
 * @param version the plugin version, empty when unknown
 * @param requires the SPI range it declares, empty when unknown
 * @param state started, disabled or failed
 * @param reason why it failed or is disabled
 * @param path the jar, zip or directory it was loaded from
 */
public record PluginInfo(String id, String version, String requires, PluginState state, Optional<String> reason, String path) {

    /** Validates the parts. */
    public PluginInfo {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(requires, "requires is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(path, "path is null");
    }
}
