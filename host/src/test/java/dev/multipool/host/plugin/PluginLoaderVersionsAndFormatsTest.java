package dev.multipool.host.plugin;

import static dev.multipool.host.plugin.TestPlugins.consumerPlugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.host.status.PluginInfo;
import dev.multipool.host.status.PluginState;
import dev.multipool.host.testing.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** System versions (pitfall P7), zip plugins and plugin dependencies. */
class PluginLoaderVersionsAndFormatsTest extends PluginLoaderFixture {

    private static final PluginJarBuilder GOOD = consumerPlugin("good-plugin", "t.vf.good", "good");
    private static final PluginJarBuilder ZIPPED = consumerPlugin("zipped", "t.vf.zip", "zipped");
    private static final PluginJarBuilder DEPENDENT = consumerPlugin("dependent", "t.vf.dep", "dep")
            .manifestAttribute("Plugin-Dependencies", "absent-plugin@>=1.0.0");

    @BeforeAll
    static void compilePlugins() {
        PluginJarBuilder.compileTogether(List.of(GOOD, ZIPPED, DEPENDENT));
    }

    @Test
    void P7_aSnapshotSpiStillSatisfiesTheReleaseRange() {
        GOOD.buildInto(plugins);

        PluginLoadResult result = load(new SpiVersion("1.0.0-SNAPSHOT"));

        assertThat(result.plugins()).extracting(PluginInfo::state).containsExactly(PluginState.STARTED);
    }

    @Test
    void P7_anOlderSpiRefusesPluginsBuiltForANewerOne() {
        GOOD.buildInto(plugins);

        PluginLoadResult result = load(new SpiVersion("0.9.0"));

        assertThat(result.plugins()).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo(PluginState.FAILED);
            assertThat(info.reason()).hasValue("requires SPI \">=1.0.0 & <2.0.0\" (Plugin-Requires) but this host provides SPI 0.9.0");
        });
        assertThat(result.consumers()).isEmpty();
    }

    @Test
    void zipPluginIsExpandedAndLoadedAndReportedUnderTheZip() {
        Path zip = ZIPPED.buildZipInto(plugins);

        PluginLoadResult result = load(SpiVersion.current());
        // a second start over the same directory finds the expanded directory next to the zip: still one plugin
        loader.close();
        assertThat(Files.isDirectory(plugins.resolve("zipped-1.0.0"))).isTrue();
        PluginLoadResult again = load(SpiVersion.current());

        for (PluginLoadResult each : List.of(result, again)) {
            assertThat(each.plugins()).singleElement().satisfies(info -> {
                assertThat(info.id()).isEqualTo("zipped");
                assertThat(info.state()).isEqualTo(PluginState.STARTED);
                assertThat(info.path()).isEqualTo(zip.toString());
            });
            assertThat(each.consumers()).extracting(LoadedConsumer::id).containsExactly("zipped");
        }
    }

    @Test
    void pluginWhoseDependencyIsMissingIsReportedAndTheOthersLoad() {
        DEPENDENT.buildInto(plugins);
        GOOD.buildInto(plugins);

        PluginLoadResult result = load(SpiVersion.current());

        assertThat(result.plugins()).extracting(PluginInfo::id).containsExactly("dependent", "good-plugin");
        assertThat(result.plugins().get(0).state()).isEqualTo(PluginState.FAILED);
        assertThat(result.plugins().get(0).reason()).hasValue("unresolved plugin dependencies: requires absent-plugin >=1.0.0");
        assertThat(result.consumers()).extracting(LoadedConsumer::id).containsExactly("good");
    }
}
