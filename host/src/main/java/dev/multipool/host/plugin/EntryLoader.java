package dev.multipool.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.util.FileUtils;

/**
 * Loads one entry of the plugins directory into pf4j, checking first what pf4j would otherwise
 * fail on with a vague message or not at all: a file that is no plugin, an unreadable jar, a
 * missing descriptor, a plugin id already taken, a malformed {@code Plugin-Requires}.
 */
final class EntryLoader {

    private final HostPluginManager manager;

    EntryLoader(HostPluginManager manager) {
        this.manager = manager;
    }

    /**
     * Loads the entry (without resolving dependencies or starting it).
     *
     * @param entry the entry; marked loaded once pf4j holds it
     * @throws PluginProblem why it cannot be used
     */
    void load(PluginEntry entry) throws PluginProblem {
        prepare(entry);
        DescriptorCheck.check(entry.pluginPath());
        PluginDescriptor descriptor;
        try {
            descriptor = manager.descriptor(entry.pluginPath());
            if (descriptor.getPluginId() != null && !descriptor.getPluginId().isBlank()) {
                entry.describedBy(descriptor);
            }
            manager.validate(descriptor);
        } catch (RuntimeException e) {
            throw new PluginProblem("invalid plugin descriptor: " + Reasons.describe(e), e);
        }
        PluginWrapper other = manager.getPlugin(descriptor.getPluginId());
        if (other != null) {
            throw new PluginProblem("plugin id \"" + descriptor.getPluginId() + "\" is already used by "
                    + other.getPluginPath().getFileName());
        }
        String requires = descriptor.getRequires();
        try {
            manager.satisfies(requires);
        } catch (RuntimeException e) {
            throw new PluginProblem("invalid Plugin-Requires \"" + requires + "\": " + Reasons.describe(e), e);
        }
        PluginWrapper wrapper = manager.loadOne(entry.pluginPath());
        if (wrapper == null) {
            throw new PluginProblem("pf4j could not expand the zip (see the log)");
        }
        entry.markLoaded(true);
        if (wrapper.getPluginState() == PluginState.DISABLED) {
            throw new PluginProblem("requires SPI \"" + requires + "\" (Plugin-Requires) but this host provides SPI "
                    + manager.getSystemVersion());
        }
    }

    private static void prepare(PluginEntry entry) throws PluginProblem {
        Path path = entry.path();
        String name = path.getFileName().toString();
        if (Files.isDirectory(path)) {
            return;
        }
        if (!Files.isRegularFile(path) || !(PluginDirectory.isJar(name) || PluginDirectory.isZip(name))) {
            throw new PluginProblem("not a plugin: expected a .jar or .zip file or a directory");
        }
        if (PluginDirectory.isZip(name)) {
            try {
                entry.expandedTo(FileUtils.expandIfZip(path));
            } catch (IOException | RuntimeException e) {
                throw new PluginProblem("cannot expand the zip: " + Reasons.describe(e), e);
            }
        }
    }
}
