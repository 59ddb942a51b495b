package dev.multipool.host.plugin;

import static dev.multipool.host.plugin.TestPlugins.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.host.status.PluginInfo;
import dev.multipool.host.status.PluginState;
import dev.multipool.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the plugin loader tests share: a fresh plugins directory per test, a loader over it that is
 * closed after the test, the recorded start/stop events cleared around each test, and lookups and
 * assertions on the load result.
 */
abstract class PluginLoaderFixture {

    @TempDir
    Path plugins;

    PluginLoader loader;

    @BeforeEach
    void clearEvents() {
        System.clearProperty(EVENTS);
    }

    @AfterEach
    void closeLoader() {
        if (loader != null) {
            loader.close();
        }
        System.clearProperty(EVENTS);
    }

    Path add(PluginJarBuilder plugin) {
        return plugin.buildInto(plugins);
    }

    PluginLoadResult load() {
        return load(SpiVersion.current());
    }

    PluginLoadResult load(SpiVersion spi) {
        loader = new PluginLoader(plugins, spi);
        return loader.load();
    }

    static PluginInfo plugin(PluginLoadResult result, String id) {
        return result.plugins().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + result.plugins()));
    }

    static void assertFailed(PluginLoadResult result, String id, String reasonPart) {
        PluginInfo info = plugin(result, id);
        assertThat(info.state()).as("state of %s", id).isEqualTo(PluginState.FAILED);
        assertThat(info.reason()).as("reason of %s", id).hasValueSatisfying(r -> assertThat(r).contains(reasonPart));
    }

    static String events() {
        return System.getProperty(EVENTS, "");
    }
}
