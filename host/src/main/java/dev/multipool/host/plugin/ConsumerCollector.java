package dev.multipool.host.plugin;

import dev.multipool.api.IpamConsumer;
import dev.multipool.api.OptionSpec;
import dev.multipool.host.config.OptionValues;
import dev.multipool.host.status.PluginRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Finds the {@link IpamConsumer} extensions of one started plugin and asks each for its id,
 * description and options, every call with the plugin's class loader as TCCL. pf4j itself logs
 * and skips an extension class it cannot load; this reports it as the plugin's failure.
 */
final class ConsumerCollector {

    private final HostPluginManager manager;

    ConsumerCollector(HostPluginManager manager) {
        this.manager = manager;
    }

    /**
     * Collects the plugin's consumers.
     *
     * @param pluginId the started plugin
     * @param plugin how consumers refer to it
     * @return its consumers, at least one
     * @throws PluginProblem if an extension cannot be loaded or created, a consumer misbehaves, or there is none
     */
    List<LoadedConsumer> collect(String pluginId, PluginRef plugin) throws PluginProblem {
        ClassLoader loader = manager.getPluginClassLoader(pluginId);
        Set<String> classNames = new TreeSet<>(manager.getExtensionClassNames(pluginId));
        if (classNames.isEmpty()) {
            throw new PluginProblem("no extensions: the plugin has no META-INF/extensions.idx (or META-INF/services) "
                    + "entries; build it with pf4j's annotation processor and mark the consumer with @Extension");
        }
        Map<String, LoadedConsumer> consumers = new LinkedHashMap<>();
        Map<String, String> classOfId = new LinkedHashMap<>();
        for (String className : classNames) {
            Class<?> extensionClass = load(loader, className);
            if (!IpamConsumer.class.isAssignableFrom(extensionClass)) {
                if (implementsForeignSpi(extensionClass)) {
                    throw new PluginProblem("extension class \"" + className + "\" implements another copy of "
                            + IpamConsumer.class.getName() + ": the plugin bundles the SPI; depend on multipool-api "
                            + "with provided scope");
                }
                continue;
            }
            IpamConsumer instance = create(loader, extensionClass.asSubclass(IpamConsumer.class));
            IpamConsumer consumer = PluginCalls.wrap(IpamConsumer.class, instance, loader);
            LoadedConsumer loaded = describe(consumer, className, plugin, loader);
            String previous = classOfId.putIfAbsent(loaded.id(), className);
            if (previous != null) {
                throw new PluginProblem("consumer id \"" + loaded.id() + "\" is declared by two extensions: "
                        + previous + " and " + className);
            }
            consumers.put(loaded.id(), loaded);
        }
        if (consumers.isEmpty()) {
            throw new PluginProblem("no IpamConsumer extension: the extension index lists " + String.join(", ", classNames)
                    + " but none implements " + IpamConsumer.class.getName());
        }
        return List.copyOf(consumers.values());
    }

    private static Class<?> load(ClassLoader loader, String className) throws PluginProblem {
        try {
            return PluginCalls.call(loader, () -> {
                try {
                    return Class.forName(className, false, loader);
                } catch (ClassNotFoundException e) {
                    throw new TypeNotFound(e);
                }
            });
        } catch (TypeNotFound e) {
            throw new PluginProblem("extension class \"" + className + "\" cannot be loaded: "
                    + Reasons.describe(e.getCause()), e.getCause());
        } catch (LinkageError e) {
            throw new PluginProblem("extension class \"" + className + "\" cannot be loaded: " + Reasons.describe(e), e);
        }
    }

    private IpamConsumer create(ClassLoader loader, Class<? extends IpamConsumer> extensionClass) throws PluginProblem {
        try {
            return PluginCalls.call(loader, () -> manager.getExtensionFactory().create(extensionClass));
        } catch (RuntimeException | LinkageError e) {
            throw new PluginProblem("extension class \"" + extensionClass.getName() + "\" cannot be created: "
                    + Reasons.describe(e), e);
        }
    }

    private static LoadedConsumer describe(IpamConsumer consumer, String className, PluginRef plugin, ClassLoader loader)
            throws PluginProblem {
        String id = ask(() -> consumer.id(), "id() of extension \"" + className + "\"");
        if (!IpamConsumer.ID_PATTERN.matcher(id).matches()) {
            throw new PluginProblem("invalid consumer id \"" + id + "\" from extension \"" + className + "\": must match "
                    + IpamConsumer.ID_PATTERN.pattern());
        }
        String description = ask(() -> consumer.description(), "description() of consumer \"" + id + "\"");
        List<OptionSpec> options = ask(() -> consumer.options(), "options() of consumer \"" + id + "\"");
        Set<String> names = new HashSet<>();
        List<OptionSpec> copy = new ArrayList<>();
        for (OptionSpec option : options) {
            if (option == null) {
                throw new PluginProblem("options() of consumer \"" + id + "\" returned a null option");
            }
            if (!names.add(option.name())) {
                throw new PluginProblem("consumer \"" + id + "\" declares option --" + option.name() + " twice");
            }
            if (option.defaultValue().isPresent()) {
                checkDefault(id, option);
            }
            copy.add(option);
        }
        return new LoadedConsumer(id, description, copy, consumer, plugin, loader);
    }

    private static void checkDefault(String id, OptionSpec option) throws PluginProblem {
        String text = option.defaultValue().orElseThrow();
        try {
            OptionValues.parse(option.type(), text);
        } catch (IllegalArgumentException e) {
            throw new PluginProblem("consumer \"" + id + "\" declares an invalid default \"" + text + "\" for --"
                    + option.name() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T ask(Supplier<T> call, String what) throws PluginProblem {
        T value;
        try {
            value = call.get();
        } catch (RuntimeException | LinkageError e) {
            throw new PluginProblem(what + " failed: " + Reasons.describe(e), e);
        }
        if (value == null) {
            throw new PluginProblem(what + " returned null");
        }
        return value;
    }

    private static boolean implementsForeignSpi(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> iface : current.getInterfaces()) {
                if (iface.getName().equals(IpamConsumer.class.getName()) || implementsForeignSpi(iface)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Carries a checked ClassNotFoundException out of a Supplier. */
    private static final class TypeNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TypeNotFound(ClassNotFoundException cause) {
            super(cause);
        }
    }
}
