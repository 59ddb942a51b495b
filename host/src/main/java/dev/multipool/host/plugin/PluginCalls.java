package dev.multipool.host.plugin;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * The one place that sets the thread context class loader (TCCL) around calls into plugin code.
 * Libraries inside a plugin (service loaders, XML parsers, logging bridges) find their resources
 * through the TCCL, so every call the host makes into a plugin runs with the plugin's class loader
 * as TCCL, and the caller's TCCL is restored afterwards, also when the call throws.
 */
public final class PluginCalls {

    private PluginCalls() {
    }

    /**
     * Runs an action with {@code loader} as the thread context class loader.
     *
     * @param loader the plugin's class loader
     * @param action the call into plugin code
     * @param <T> the result type
     * @return what the action returned
     */
    public static <T> T call(ClassLoader loader, Supplier<T> action) {
        requireNonNull(loader, "loader is null");
        requireNonNull(action, "action is null");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Runs an action with {@code loader} as the thread context class loader.
     *
     * @param loader the plugin's class loader
     * @param action the call into plugin code
     */
    public static void run(ClassLoader loader, Runnable action) {
        requireNonNull(action, "action is null");
        call(loader, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Wraps an instance of an interface supplied by a plugin so that every method call runs with
     * the plugin's class loader as TCCL. Exceptions thrown by the plugin pass through unchanged
     * (not wrapped in {@link InvocationTargetException} or {@link java.lang.reflect.UndeclaredThrowableException}).
     * Wrapping an instance that is already wrapped for the same loader returns it as is.
     *
     * @param iface the interface the host calls the plugin through
     * @param target the plugin's instance
     * @param loader the plugin's class loader
     * @param <T> the interface type
     * @return a proxy implementing {@code iface}
     */
    public static <T> T wrap(Class<T> iface, T target, ClassLoader loader) {
        requireNonNull(iface, "iface is null");
        requireNonNull(target, "target is null");
        requireNonNull(loader, "loader is null");
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        if (Proxy.isProxyClass(target.getClass())
                && Proxy.getInvocationHandler(target) instanceof ContextHandler handler
                && handler.loader == loader) {
            return target;
        }
        Object proxy = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                new ContextHandler(target, loader));
        return iface.cast(proxy);
    }

    /** Forwards each call to the target with the plugin's loader as TCCL. */
    private static final class ContextHandler implements InvocationHandler {
        private final Object target;
        private final ClassLoader loader;

        ContextHandler(Object target, ClassLoader loader) {
            this.target = target;
            this.loader = loader;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object[] actual = args;
            if (method.getDeclaringClass() == Object.class && method.getName().equals("equals")) {
                if (proxy == args[0]) {
                    return true;
                }
                actual = new Object[] {unwrap(args[0])};
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return method.invoke(target, actual);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        private static Object unwrap(Object other) {
            if (other != null && Proxy.isProxyClass(other.getClass())
                    && Proxy.getInvocationHandler(other) instanceof ContextHandler handler) {
                return handler.target;
            }
            return other;
        }
    }
}
