package dev.multipool.host.plugin;

import static dev.multipool.host.plugin.TestPlugins.consumer;
import static dev.multipool.host.plugin.TestPlugins.consumerPlugin;
import static dev.multipool.host.plugin.TestPlugins.recordingPlugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerDefinition;
import dev.multipool.api.ConsumerException;
import dev.multipool.api.OptionType;
import dev.multipool.api.PoolKind;
import dev.multipool.host.status.PluginInfo;
import dev.multipool.host.status.PluginState;
import dev.multipool.host.testing.PluginJarBuilder;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loading real plugin jars built at test time: good ones load, unusable files and refused plugins
 * are reported precisely, duplicates fail the later plugin, and plugins stop in reverse order.
 */
class PluginLoaderTest extends PluginLoaderFixture {

    private static final PluginJarBuilder GOOD = consumerPlugin("good-plugin", "t.good", "good").version("1.2.3");
    private static final PluginJarBuilder FUTURE = consumerPlugin("future", "t.future", "future").requires(">=2.0.0");
    private static final PluginJarBuilder ODD_REQUIRES = consumerPlugin("odd", "t.odd", "odd").requires(">=1.0.0 &&& junk");
    private static final PluginJarBuilder ANONYMOUS = consumerPlugin("anonymous", "t.anon", "anon").withoutDescriptor()
            .fileName("anonymous.jar");
    private static final PluginJarBuilder UNVERSIONED = consumerPlugin("unversioned", "t.unv", "unv").withoutDescriptor()
            .manifestAttribute("Plugin-Id", "unversioned").fileName("unversioned.jar");
    private static final PluginJarBuilder FIRST_SAME = consumerPlugin("a-first", "t.first", "same");
    private static final PluginJarBuilder SECOND_SAME = consumerPlugin("b-second", "t.second", "same");
    private static final PluginJarBuilder TWIN_ONE = consumerPlugin("twin", "t.twin1", "one").fileName("a-twin.jar");
    private static final PluginJarBuilder TWIN_TWO = consumerPlugin("twin", "t.twin2", "two").fileName("b-twin.jar");
    private static final PluginJarBuilder ONE = consumerPlugin("a-one", "t.one", "one");
    private static final PluginJarBuilder TWO_STOP_THROWS = PluginJarBuilder.plugin("b-two")
            .source("t.two.Consumer", consumer("t.two", "Consumer", "\"two\"", "List.of()"))
            .source("t.two.Recording", recordingPlugin("t.two", "b-two", "", "throw new IllegalStateException(\"stop boom\");"))
            .pluginClass("t.two.Recording");
    private static final PluginJarBuilder THREE = consumerPlugin("c-three", "t.three", "three");
    private static final PluginJarBuilder GOOD_PLAIN_VERSION = consumerPlugin("good-plugin", "t.good", "good");

    @BeforeAll
    static void compilePlugins() {
        PluginJarBuilder.compileTogether(List.of(GOOD, FUTURE, ODD_REQUIRES, ANONYMOUS, UNVERSIONED, FIRST_SAME, SECOND_SAME,
                TWIN_ONE, TWIN_TWO, ONE, TWO_STOP_THROWS, THREE, GOOD_PLAIN_VERSION));
    }

    @Test
    void goodPluginIsStartedAndItsConsumerRunsWithThePluginClassLoaderAsTccl() throws Exception {
        Path jar = add(GOOD);

        PluginLoadResult result = load();

        assertThat(result.plugins()).containsExactly(new PluginInfo("good-plugin", "1.2.3", PluginJarBuilder.SPI_RANGE,
                PluginState.STARTED, Optional.empty(), jar.toString()));
        assertThat(result.consumers()).hasSize(1);
        LoadedConsumer good = result.consumers().get(0);
        assertThat(good.id()).isEqualTo("good");
        assertThat(good.description()).isEqualTo("test consumer");
        assertThat(good.pluginId()).isEqualTo("good-plugin");
        assertThat(good.plugin().version()).isEqualTo("1.2.3");
        assertThat(good.options()).singleElement().satisfies(option -> {
            assertThat(option.name()).isEqualTo("good-size");
            assertThat(option.type()).isEqualTo(OptionType.INTEGER);
        });
        assertThat(good.classLoader()).isNotSameAs(getClass().getClassLoader());
        assertThat(result.declarations()).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo("good"));
        assertThat(events()).isEqualTo("good-plugin:start;");

        ClassLoader before = Thread.currentThread().getContextClassLoader();
        ConsumerDefinition definition = good.consumer().define(context());
        assertThat(definition.poolKind()).isEqualTo(PoolKind.CILIUM_POD_IP_POOL);
        assertThatThrownBy(() -> good.consumer().define(null))
                .as("a typed exception from the plugin passes through the TCCL proxy unchanged")
                .isExactlyInstanceOf(ConsumerException.class).hasMessage("no context");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);

        assertThat(seen(good, "t.good.Consumer"))
                .as("every call into the plugin saw the plugin's class loader as TCCL, proven from inside")
                .containsExactly("id=true", "description=true", "options=true", "define=true", "define=true");
    }

    @SuppressWarnings("unchecked")
    private static List<String> seen(LoadedConsumer consumer, String className) throws Exception {
        return (List<String>) consumer.classLoader().loadClass(className).getField("SEEN").get(null);
    }

    private static ConsumerContext context() {
        // define() of the test consumer only checks that it got a context
        return (ConsumerContext) Proxy.newProxyInstance(ConsumerContext.class.getClassLoader(),
                new Class<?>[] {ConsumerContext.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void pluginWhosePluginRequiresDoesNotMatchTheSpiIsRefusedAndTheOthersLoad() {
        add(FUTURE);
        add(GOOD);

        PluginLoadResult result = load();

        assertFailed(result, "future", "requires SPI \">=2.0.0\" (Plugin-Requires) but this host provides SPI "
                + SpiVersion.current().systemVersion());
        assertThat(plugin(result, "future").requires()).isEqualTo(">=2.0.0");
        assertThat(plugin(result, "good-plugin").state()).isEqualTo(PluginState.STARTED);
        assertThat(result.consumers()).extracting(LoadedConsumer::id).containsExactly("good");
        assertThat(events()).as("a refused plugin is never started").isEqualTo("good-plugin:start;");
        assertThat(result.failedPlugins()).containsExactly("future");
    }

    @Test
    void invalidPluginRequiresExpressionIsReported() {
        add(ODD_REQUIRES);

        assertFailed(load(), "odd", "invalid Plugin-Requires \">=1.0.0 &&& junk\"");
    }

    @Test
    void corruptJarIsReportedUnderItsFileName() {
        PluginJarBuilder.corruptJar(plugins, "broken.jar");
        add(GOOD_PLAIN_VERSION);

        PluginLoadResult result = load();

        assertFailed(result, "broken.jar", "not a readable jar: ZipException");
        assertThat(plugin(result, "broken.jar").version()).isEmpty();
        assertThat(result.consumers()).extracting(LoadedConsumer::id).containsExactly("good");
    }

    @Test
    void jarWithoutDescriptorIsReportedUnderItsFileName() {
        add(ANONYMOUS);

        assertFailed(load(), "anonymous.jar", "no plugin descriptor: the jar's manifest has no Plugin-Id");
    }

    @Test
    void descriptorWithoutVersionIsReported() {
        add(UNVERSIONED);

        assertFailed(load(), "unversioned", "invalid plugin descriptor: InvalidPluginDescriptorException: Field 'version' cannot be empty");
    }

    @Test
    void twoPluginsDeclaringTheSameConsumerIdFailTheLaterOne() {
        add(FIRST_SAME);
        add(SECOND_SAME);

        PluginLoadResult result = load();

        assertThat(plugin(result, "a-first").state()).isEqualTo(PluginState.STARTED);
        assertFailed(result, "b-second", "consumer id \"same\" is already provided by plugin \"a-first\"");
        assertThat(result.consumers()).singleElement().satisfies(c -> assertThat(c.pluginId()).isEqualTo("a-first"));
        assertThat(events()).isEqualTo("a-first:start;b-second:start;b-second:stop;");
    }

    @Test
    void twoJarsWithTheSamePluginIdFailTheLaterOne() {
        add(TWIN_ONE);
        add(TWIN_TWO);

        PluginLoadResult result = load();

        assertThat(result.plugins()).extracting(PluginInfo::state).containsExactly(PluginState.STARTED, PluginState.FAILED);
        assertThat(result.plugins().get(1).reason()).hasValue("plugin id \"twin\" is already used by a-twin.jar");
        assertThat(result.consumers()).extracting(LoadedConsumer::id).containsExactly("one");
    }

    @Test
    void pluginsStopOneByOneInReverseStartOrderEvenWhenOneStopThrows() {
        add(ONE);
        add(TWO_STOP_THROWS);
        add(THREE);
        PluginLoadResult result = load();
        assertThat(result.consumers()).extracting(LoadedConsumer::id).containsExactly("one", "two", "three");

        loader.stopAll();

        assertThat(events()).isEqualTo("a-one:start;b-two:start;c-three:start;c-three:stop;b-two:stop;a-one:stop;");
        loader.close();
        assertThat(events()).as("close() does not stop a plugin again").endsWith("a-one:stop;").hasSize(
                "a-one:start;b-two:start;c-three:start;c-three:stop;b-two:stop;a-one:stop;".length());
    }

    @Test
    void startedPluginWhoseConsumersAreNotEnabledIsShownDisabled() {
        add(ONE);
        add(THREE);
        PluginLoadResult result = load();

        assertThat(result.plugins(List.of("three"))).extracting(PluginInfo::id, PluginInfo::state).containsExactly(
                tuple("a-one", PluginState.DISABLED),
                tuple("c-three", PluginState.STARTED));
        assertThat(result.plugins(List.of("three")).get(0).reason()).hasValue("none of its consumers is enabled by --consumers");
        assertThat(result.plugins(List.of("one", "three"))).isEqualTo(result.plugins());
    }

    @Test
    void everyEntryOfThePluginsDirectoryIsReported() throws Exception {
        Files.writeString(plugins.resolve("README.txt"), "drop plugin jars here");
        Files.createDirectory(plugins.resolve("empty-dir"));
        Files.writeString(plugins.resolve(".hidden"), "ignored");
        add(GOOD_PLAIN_VERSION);

        PluginLoadResult result = load();

        assertThat(result.plugins()).extracting(PluginInfo::id).containsExactly("README.txt", "empty-dir", "good-plugin");
        assertFailed(result, "README.txt", "not a plugin: expected a .jar or .zip file or a directory");
        assertFailed(result, "empty-dir", "no plugin descriptor: the directory has neither plugin.properties nor a META-INF/MANIFEST.MF");
    }

    @Test
    void missingPluginsDirectoryLoadsNothing() {
        loader = new PluginLoader(plugins.resolve("absent"));

        PluginLoadResult result = loader.load();

        assertThat(result.plugins()).isEmpty();
        assertThat(result.consumers()).isEmpty();
        assertThatThrownBy(loader::load).isInstanceOf(IllegalStateException.class);
    }
}
