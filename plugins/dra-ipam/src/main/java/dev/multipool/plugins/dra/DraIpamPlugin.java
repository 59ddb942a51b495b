package dev.multipool.plugins.dra;

import org.pf4j.Plugin;

/**
 * The pf4j plugin that carries the {@code dra} consumer ({@link DraIpamConsumer}). It holds no
 * state of its own: the consumer's background work is started and stopped by the host through
 * {@link dev.multipool.api.BackgroundTask}, not through the plugin's life cycle.
 */
public final class DraIpamPlugin extends Plugin {

    /** Creates the plugin; pf4j calls this when it loads the jar. */
    public DraIpamPlugin() {
        super();
    }
}
