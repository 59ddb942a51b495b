package dev.multipool.host;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.plugin.PluginLoader;
import java.util.concurrent.CountDownLatch;

/** A started host and the plugins it loaded; closing stops the host, then the plugins in reverse order. */
public final class RunningHost implements AutoCloseable {

    private final MultipoolHost host;
    private final PluginLoader plugins;
    private final CountDownLatch closed = new CountDownLatch(1);

    RunningHost(MultipoolHost host, PluginLoader plugins) {
        this.host = requireNonNull(host, "host is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
    }

    /**
     * Returns the host.
     *
     * @return the host
     */
    public MultipoolHost host() {
        return host;
    }

    /**
     * Blocks until {@link #close()} has run.
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        try {
            host.close();
        } finally {
            plugins.stopAll();
            plugins.close();
            closed.countDown();
        }
    }
}
