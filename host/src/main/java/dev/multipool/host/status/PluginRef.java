package dev.multipool.host.status;

import static java.util.Objects.requireNonNull;

/**
 * The plugin a consumer comes from.
 *
 * @param id the plugin id ({@code Plugin-Id})
 * @param version the plugin version
 * @param requires the SPI range it declares ({@code Plugin-Requires})
 */
public record PluginRef(String id, String version, String requires) {

    /** Validates the parts. */
    public PluginRef {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(requires, "requires is null");
    }
}
