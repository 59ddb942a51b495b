package dev.multipool.host.plugin;

import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.SingletonExtensionFactory;

/**
 * pf4j's {@link DefaultPluginManager} (jar, zip and directory plugins) set up for the host: one
 * extension instance per class, plugins always enabled (the host chooses consumers with
 * {@code --consumers}, not pf4j's enabled.txt), deployment mode whatever {@code pf4j.mode} says,
 * a plugin with unresolved dependencies skipped instead of failing the rest, and the protected
 * steps of loading opened to {@link PluginLoader}, which drives them one plugin at a time.
 */
final class HostPluginManager extends DefaultPluginManager {

    HostPluginManager(Path pluginsDir, String systemVersion) {
        super(pluginsDir);
        setSystemVersion(systemVersion);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new SingletonExtensionFactory(this);
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new PluginClassFactory();
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("plugins are not disabled through pf4j; use --consumers");
            }

            @Override
            public void enablePlugin(String pluginId) {
                // every plugin is enabled
            }
        };
    }

    /** Reads the descriptor the way loading will. */
    PluginDescriptor descriptor(Path pluginPath) {
        return getPluginDescriptorFinder().find(pluginPath);
    }

    /** Validates a descriptor the way loading will (an id and a version). */
    void validate(PluginDescriptor descriptor) {
        validatePluginDescriptor(descriptor);
    }

    /** Whether the system version satisfies a plugin's requirement, as pf4j will decide it. */
    boolean satisfies(String requires) {
        return getVersionManager().checkVersionConstraint(getSystemVersion(), requires);
    }

    /** Loads one plugin (without resolving); null if pf4j could not expand a zip. */
    PluginWrapper loadOne(Path pluginPath) {
        return loadPluginFromPath(pluginPath);
    }

    /** Resolves the loaded plugins' dependencies; plugins with missing ones are unloaded. */
    void resolve() {
        resolvePlugins();
    }

    /** Stops one plugin without stopping its dependents first (the caller stops in reverse order). */
    PluginState stopOne(String pluginId) {
        return stopPlugin(pluginId, false);
    }

    /** Unloads one plugin without touching its dependents or resolving again. */
    boolean unloadOne(String pluginId) {
        return unloadPlugin(pluginId, false, false);
    }
}
