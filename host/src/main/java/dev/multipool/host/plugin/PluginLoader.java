package dev.multipool.host.plugin;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.plugin.PluginClassFactory.PluginClassException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.DependencyResolver;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the consumer plugins of {@code --plugins-dir} with pf4j and collects their
 * {@link dev.multipool.api.IpamConsumer} extensions. pf4j's system version is the SPI version, so a
 * plugin whose {@code Plugin-Requires} does not match is refused.
 *
 * <p>A broken plugin never stops the others: every file and directory in the plugins directory
 * (in file name order; hidden ones skipped) ends up in {@link PluginLoadResult#plugins()}, started
 * or failed with a precise reason, which is also logged. A plugin that fails after pf4j loaded it
 * is stopped and unloaded at once. Every call into plugin code runs through {@link PluginCalls}.
 */
public final class PluginLoader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private final Path pluginsDir;
    private final HostPluginManager manager;
    private final EntryLoader entryLoader;
    private final ConsumerCollector collector;
    private boolean loaded;
    private boolean closed;

    /**
     * Creates a loader for the SPI on the class path ({@link SpiVersion#current()}).
     *
     * @param pluginsDir the plugins directory
     */
    public PluginLoader(Path pluginsDir) {
        this(pluginsDir, SpiVersion.current());
    }

    /**
     * Creates a loader.
     *
     * @param pluginsDir the plugins directory
     * @param spi the SPI version plugins are matched against
     */
    public PluginLoader(Path pluginsDir, SpiVersion spi) {
        this.pluginsDir = requireNonNull(pluginsDir, "pluginsDir is null");
        requireNonNull(spi, "spi is null");
        this.manager = new HostPluginManager(pluginsDir, spi.systemVersion());
        this.entryLoader = new EntryLoader(manager);
        this.collector = new ConsumerCollector(manager);
    }

    /**
     * Loads and starts every plugin and collects the consumers. Runs once.
     *
     * @return the consumers of the started plugins and the state of every plugin
     */
    public synchronized PluginLoadResult load() {
        if (loaded || closed) {
            throw new IllegalStateException("plugins are loaded once per loader");
        }
        loaded = true;
        List<PluginEntry> entries = PluginDirectory.entries(pluginsDir);
        entries.forEach(this::loadEntry);
        resolve(entries);
        List<LoadedConsumer> consumers = new ArrayList<>();
        Map<String, String> pluginOfConsumer = new HashMap<>();
        for (PluginEntry entry : entries) {
            if (entry.pending()) {
                start(entry, consumers, pluginOfConsumer);
            }
        }
        long failed = entries.stream().filter(PluginEntry::isFailed).count();
        log.info("Loaded {} consumer(s) from {} plugin(s) in {}; {} failed", consumers.size(),
                entries.size() - failed, pluginsDir, failed);
        return new PluginLoadResult(consumers, entries.stream().map(PluginEntry::info).toList());
    }

    /**
     * Stops the started plugins one by one, in reverse start order (pf4j 3.15.0's
     * {@code stopPlugins()} skips or fails on some). A plugin whose stop fails is logged and the
     * others are still stopped.
     */
    public synchronized void stopAll() {
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        Collections.reverse(started);
        for (PluginWrapper plugin : started) {
            stop(plugin);
        }
    }

    /** Stops the plugins still running and unloads every plugin, closing their class loaders. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
        for (PluginWrapper plugin : new ArrayList<>(manager.getPlugins())) {
            try {
                manager.unloadOne(plugin.getPluginId());
            } catch (RuntimeException e) {
                log.warn("Cannot unload plugin '{}': {}", plugin.getPluginId(), Reasons.describe(e), e);
            }
        }
    }

    private void loadEntry(PluginEntry entry) {
        try {
            entryLoader.load(entry);
        } catch (PluginProblem e) {
            fail(entry, e.getMessage(), e.getCause());
        } catch (RuntimeException | LinkageError e) {
            fail(entry, Reasons.describe(e), e);
        }
    }

    private void resolve(List<PluginEntry> entries) {
        try {
            manager.resolve();
        } catch (DependencyResolver.CyclicDependencyException e) {
            for (PluginEntry entry : entries) {
                if (entry.pending() && entry.loaded() && !entry.descriptor().getDependencies().isEmpty()) {
                    fail(entry, "cyclic plugin dependencies", null);
                }
            }
            resolveOrFailAll(entries);
        } catch (RuntimeException e) {
            failAll(entries, e);
        }
        for (PluginEntry entry : entries) {
            if (entry.pending() && entry.loaded() && manager.getPlugin(entry.id()) == null) {
                entry.markLoaded(false);
                fail(entry, "unresolved plugin dependencies: requires " + dependencies(entry.descriptor()), null);
            }
        }
    }

    private void resolveOrFailAll(List<PluginEntry> entries) {
        try {
            manager.resolve();
        } catch (RuntimeException e) {
            failAll(entries, e);
        }
    }

    private void failAll(List<PluginEntry> entries, RuntimeException e) {
        for (PluginEntry entry : entries) {
            if (entry.pending() && entry.loaded()) {
                fail(entry, "cannot resolve plugin dependencies: " + Reasons.describe(e), e);
            }
        }
    }

    private static String dependencies(PluginDescriptor descriptor) {
        List<String> required = new ArrayList<>();
        for (PluginDependency dependency : descriptor.getDependencies()) {
            if (!dependency.isOptional()) {
                String version = dependency.getPluginVersionSupport();
                required.add(dependency.getPluginId() + ("*".equals(version) ? "" : " " + version));
            }
        }
        return String.join(", ", required);
    }

    private void start(PluginEntry entry, List<LoadedConsumer> consumers, Map<String, String> pluginOfConsumer) {
        String id = entry.id();
        PluginWrapper wrapper = manager.getPlugin(id);
        PluginState state;
        try {
            state = PluginCalls.call(wrapper.getPluginClassLoader(), () -> manager.startPlugin(id));
        } catch (RuntimeException | LinkageError e) {
            fail(entry, "start failed: " + Reasons.describe(e), e);
            return;
        }
        if (state != PluginState.STARTED) {
            Throwable failure = wrapper.getFailedException();
            String reason = failure == null ? "did not start (pf4j state " + state + ")"
                    : failure instanceof PluginClassException ? failure.getMessage()
                    : "start() failed: " + Reasons.describe(failure);
            fail(entry, reason, null);
            return;
        }
        try {
            List<LoadedConsumer> found = collector.collect(id, entry.ref());
            for (LoadedConsumer consumer : found) {
                String owner = pluginOfConsumer.get(consumer.id());
                if (owner != null) {
                    throw new PluginProblem("consumer id \"" + consumer.id() + "\" is already provided by plugin \""
                            + owner + "\"");
                }
            }
            found.forEach(consumer -> pluginOfConsumer.put(consumer.id(), id));
            consumers.addAll(found);
            entry.started();
            log.info("Plugin '{}@{}' started with consumer(s) {}", id, wrapper.getDescriptor().getVersion(),
                    found.stream().map(LoadedConsumer::id).toList());
        } catch (PluginProblem e) {
            fail(entry, e.getMessage(), e.getCause());
        }
    }

    private void fail(PluginEntry entry, String reason, Throwable cause) {
        entry.failed(reason);
        if (cause == null) {
            log.error("Plugin '{}' ({}) failed: {}", entry.id(), entry.path(), reason);
        } else {
            log.error("Plugin '{}' ({}) failed: {}", entry.id(), entry.path(), reason, cause);
        }
        discard(entry);
    }

    /** Stops (if started) and unloads a plugin that failed after pf4j loaded it. */
    private void discard(PluginEntry entry) {
        if (!entry.loaded()) {
            return;
        }
        entry.markLoaded(false);
        PluginWrapper wrapper = manager.getPlugin(entry.id());
        if (wrapper == null) {
            return;
        }
        if (wrapper.getPluginState() == PluginState.STARTED) {
            stop(wrapper);
        }
        try {
            manager.unloadOne(entry.id());
        } catch (RuntimeException e) {
            log.warn("Cannot unload plugin '{}': {}", entry.id(), Reasons.describe(e), e);
        }
    }

    private void stop(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        try {
            PluginState state = PluginCalls.call(plugin.getPluginClassLoader(), () -> manager.stopOne(id));
            if (state == PluginState.FAILED && plugin.getFailedException() != null) {
                log.error("Plugin '{}' failed to stop: {}", id, Reasons.describe(plugin.getFailedException()));
            } else {
                log.info("Plugin '{}' stopped", id);
            }
        } catch (RuntimeException | LinkageError e) {
            // pf4j 3.15.0 lets anything but PluginRuntimeException out of stop(): record it, go on with the rest
            log.error("Plugin '{}' failed to stop: {}", id, Reasons.describe(e), e);
            plugin.setPluginState(PluginState.FAILED);
            plugin.setFailedException(e);
            manager.getStartedPlugins().remove(plugin);
        }
    }
}
