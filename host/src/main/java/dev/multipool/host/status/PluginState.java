package dev.multipool.host.status;

import java.util.Locale;

/** The state of a plugin found in the plugins directory. */
public enum PluginState {
    /** Loaded and started; its consumers run. */
    STARTED,
    /** Loaded but not used (its consumers are not enabled by {@code --consumers}). */
    DISABLED,
    /** Could not be loaded or started; the reason says why. */
    FAILED;

    /**
     * Returns the lower-case name used in JSON.
     *
     * @return for example {@code started}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
