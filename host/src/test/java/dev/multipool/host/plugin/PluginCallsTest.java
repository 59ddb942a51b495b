package dev.multipool.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one place that sets the thread context class loader around calls into plugin code. */
class PluginCallsTest {

    private final ClassLoader pluginLoader = new URLClassLoader(new URL[0], null);
    private ClassLoader callerLoader;

    @BeforeEach
    void rememberCallerLoader() {
        callerLoader = Thread.currentThread().getContextClassLoader();
    }

    @AfterEach
    void restoreCallerLoader() {
        Thread.currentThread().setContextClassLoader(callerLoader);
    }

    private static ClassLoader tccl() {
        return Thread.currentThread().getContextClassLoader();
    }

    @Test
    void callRunsWithThePluginLoaderAndRestoresTheCallers() {
        ClassLoader inside = PluginCalls.call(pluginLoader, PluginCallsTest::tccl);

        assertThat(inside).isSameAs(pluginLoader);
        assertThat(tccl()).isSameAs(callerLoader);
    }

    @Test
    void callRestoresTheCallersLoaderWhenThePluginThrows() {
        AtomicReference<ClassLoader> inside = new AtomicReference<>();
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> PluginCalls.run(pluginLoader, () -> {
            inside.set(tccl());
            throw boom;
        })).isSameAs(boom);

        assertThat(inside.get()).isSameAs(pluginLoader);
        assertThat(tccl()).isSameAs(callerLoader);
    }

    @Test
    void wrappedInstanceRunsEveryMethodWithThePluginLoader() throws Exception {
        Supplier<ClassLoader> plugin = PluginCallsTest::tccl;

        @SuppressWarnings("unchecked")
        Supplier<ClassLoader> wrapped = PluginCalls.wrap(Supplier.class, plugin, pluginLoader);

        assertThat(wrapped.get()).isSameAs(pluginLoader);
        assertThat(tccl()).isSameAs(callerLoader);
    }

    @Test
    void wrappedInstancePassesTypedExceptionsThroughUnchanged() {
        PoolNotReadyException unchecked = new PoolNotReadyException(PoolName.of("blue"), Family.IPV4, "owner-a");
        Runnable failing = () -> {
            throw unchecked;
        };
        Callable<String> checked = () -> {
            throw new IOException("disk gone");
        };

        assertThatThrownBy(() -> PluginCalls.wrap(Runnable.class, failing, pluginLoader).run()).isSameAs(unchecked);
        @SuppressWarnings("unchecked")
        Callable<String> wrapped = PluginCalls.wrap(Callable.class, checked, pluginLoader);
        assertThatThrownBy(wrapped::call).isExactlyInstanceOf(IOException.class).hasMessage("disk gone");
        assertThat(tccl()).isSameAs(callerLoader);
    }

    @Test
    void wrappingTwiceForTheSameLoaderKeepsOneProxyAndEqualityFollowsTheTarget() {
        Runnable target = () -> { };
        Runnable once = PluginCalls.wrap(Runnable.class, target, pluginLoader);

        assertThat(PluginCalls.wrap(Runnable.class, once, pluginLoader)).isSameAs(once);
        assertThat(once).isEqualTo(once);
        assertThat(once.equals(PluginCalls.wrap(Runnable.class, target, pluginLoader))).isTrue();
        assertThat(once.hashCode()).isEqualTo(target.hashCode());
    }

    @Test
    void onlyInterfacesCanBeWrapped() {
        assertThatThrownBy(() -> PluginCalls.wrap(Object.class, new Object(), pluginLoader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an interface");
    }
}
