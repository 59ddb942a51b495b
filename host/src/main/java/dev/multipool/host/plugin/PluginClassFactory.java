package dev.multipool.host.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's {@code Plugin-Class}. pf4j's default factory logs a failure and returns null,
 * which then surfaces as a NullPointerException in start; this one throws with the cause, so pf4j
 * records it as the plugin's failure.
 */
final class PluginClassFactory implements PluginFactory {

    @Override
    public Plugin create(PluginWrapper wrapper) {
        String className = wrapper.getDescriptor().getPluginClass();
        Class<?> pluginClass;
        try {
            pluginClass = wrapper.getPluginClassLoader().loadClass(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PluginClassException(e, "plugin class '{}' cannot be loaded: {}", className, Reasons.describe(e));
        }
        int modifiers = pluginClass.getModifiers();
        if (!Plugin.class.isAssignableFrom(pluginClass) || Modifier.isAbstract(modifiers) || Modifier.isInterface(modifiers)) {
            throw new PluginClassException("plugin class '{}' is not a concrete subclass of {}", className, Plugin.class.getName());
        }
        try {
            return (Plugin) constructor(pluginClass, wrapper);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new PluginClassException(e, "plugin class '{}' cannot be created: {}", className, Reasons.describe(e));
        }
    }

    /** A plugin class that cannot be used; the message is the whole reason. */
    static final class PluginClassException extends PluginRuntimeException {
        private static final long serialVersionUID = 1L;

        PluginClassException(String message, Object... args) {
            super(message, args);
        }

        PluginClassException(Throwable cause, String message, Object... args) {
            super(cause, message, args);
        }
    }

    private static Object constructor(Class<?> pluginClass, PluginWrapper wrapper) throws ReflectiveOperationException {
        try {
            Constructor<?> withWrapper = pluginClass.getConstructor(PluginWrapper.class);
            return withWrapper.newInstance(wrapper);
        } catch (NoSuchMethodException e) {
            return pluginClass.getConstructor().newInstance();
        }
    }
}
