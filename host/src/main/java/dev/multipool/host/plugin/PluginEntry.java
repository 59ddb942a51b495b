package dev.multipool.host.plugin;

import dev.multipool.host.status.PluginInfo;
import dev.multipool.host.status.PluginRef;
import dev.multipool.host.status.PluginState;
import java.nio.file.Path;
import java.util.Optional;
import org.pf4j.PluginDescriptor;

/** The loader's working record of one file or directory in the plugins directory. */
final class PluginEntry {

    private final Path path;
    private Path pluginPath;
    private PluginDescriptor descriptor;
    private boolean loaded;
    private PluginState state;
    private String reason;

    PluginEntry(Path path) {
        this.path = path;
        this.pluginPath = path;
    }

    Path path() {
        return path;
    }

    /** The path pf4j loads: the entry itself, or the directory a zip was expanded into. */
    Path pluginPath() {
        return pluginPath;
    }

    void expandedTo(Path directory) {
        this.pluginPath = directory;
    }

    void describedBy(PluginDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** The descriptor; null until it was read. */
    PluginDescriptor descriptor() {
        return descriptor;
    }

    /** The plugin id, or the file name while there is no descriptor. */
    String id() {
        return descriptor != null ? descriptor.getPluginId() : path.getFileName().toString();
    }

    /** Whether pf4j holds the plugin (it must be stopped and unloaded when dropped). */
    boolean loaded() {
        return loaded;
    }

    void markLoaded(boolean value) {
        this.loaded = value;
    }

    boolean pending() {
        return state == null;
    }

    void started() {
        this.state = PluginState.STARTED;
    }

    void failed(String why) {
        this.state = PluginState.FAILED;
        this.reason = why;
    }

    boolean isFailed() {
        return state == PluginState.FAILED;
    }

    PluginRef ref() {
        return new PluginRef(id(), version(), requires());
    }

    PluginInfo info() {
        PluginState shown = state == null ? PluginState.FAILED : state;
        Optional<String> why = Optional.ofNullable(reason).or(() -> state == null
                ? Optional.of("not started") : Optional.empty());
        return new PluginInfo(id(), version(), requires(), shown, why, path.toString());
    }

    private String version() {
        return descriptor != null && descriptor.getVersion() != null ? descriptor.getVersion() : "";
    }

    private String requires() {
        return descriptor != null && descriptor.getRequires() != null ? descriptor.getRequires() : "";
    }
}
