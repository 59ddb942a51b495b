package dev.multipool.host.plugin;

import static dev.multipool.host.plugin.TestPlugins.consumer;
import static dev.multipool.host.plugin.TestPlugins.consumerPlugin;
import static dev.multipool.host.plugin.TestPlugins.optionsOf;
import static dev.multipool.host.plugin.TestPlugins.recordingPlugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.IpamConsumer;
import dev.multipool.host.testing.PluginJarBuilder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plugins that load but misbehave: no or broken extensions, a failing start, exceptions and bad
 * answers from the consumer. Each is reported precisely, stopped, and the good ones still load.
 */
class BrokenPluginTest extends PluginLoaderFixture {

    private static final PluginJarBuilder PLAIN = PluginJarBuilder.plugin("plain")
            .source("t.plain.Consumer", consumer("t.plain", "Consumer", "\"plain\"", optionsOf("plain"))
                    .replace("@org.pf4j.Extension\n", ""))
            .source("t.plain.Recording", recordingPlugin("t.plain", "plain", "", "")).pluginClass("t.plain.Recording");
    private static final PluginJarBuilder OTHER_POINT = PluginJarBuilder.plugin("other-point")
            .source("t.other.Thing", "package t.other; public class Thing implements org.pf4j.ExtensionPoint {}")
            .extension("t.other.Thing");
    private static final PluginJarBuilder MISSING_CLASS = consumerPlugin("missing-class", "t.miss", "miss")
            .extension("t.miss.Consumer").extension("t.miss.Gone");
    private static final PluginJarBuilder CTOR_THROWS = PluginJarBuilder.plugin("ctor")
            .source("t.ctor.Consumer", consumer("t.ctor", "Consumer", "\"ctor\"", "List.of()")
                    .replace("public class Consumer implements IpamConsumer {",
                            "public class Consumer implements IpamConsumer {\n"
                                    + "  public Consumer() { throw new IllegalStateException(\"no database\"); }"));
    private static final PluginJarBuilder BUNDLER = consumerPlugin("bundler", "t.bundle", "bundle").bundle(IpamConsumer.class);
    private static final PluginJarBuilder A_GOOD = consumerPlugin("a-good", "t.agood", "good");
    private static final PluginJarBuilder B_CRASH = PluginJarBuilder.plugin("b-crash")
            .source("t.crash.Consumer", consumer("t.crash", "Consumer", "\"crash\"", "List.of()"))
            .source("t.crash.Recording", recordingPlugin("t.crash", "b-crash",
                    "throw new IllegalStateException(\"start boom\");", ""))
            .pluginClass("t.crash.Recording");
    private static final PluginJarBuilder NO_PLUGIN_CLASS = PluginJarBuilder.plugin("no-class")
            .source("t.nc.Consumer", consumer("t.nc", "Consumer", "\"nc\"", "List.of()")).pluginClass("t.nc.Missing");
    private static final PluginJarBuilder ID_THROWS = PluginJarBuilder.plugin("a-id-throws")
            .source("t.a.Consumer", consumer("t.a", "Consumer", "thrower()", "List.of()").replace("  private static void see",
                    "  static String thrower() { throw new IllegalStateException(\"no id\"); }\n  private static void see"));
    private static final PluginJarBuilder BAD_ID = PluginJarBuilder.plugin("b-bad-id")
            .source("t.b.Consumer", consumer("t.b", "Consumer", "\"Bad_Id\"", "List.of()"));
    private static final PluginJarBuilder OPTIONS_THROW = PluginJarBuilder.plugin("c-options-throw")
            .source("t.c.Consumer", consumer("t.c", "Consumer", "\"cee\"",
                    "List.of(OptionSpec.of(\"Not Valid\", OptionType.STRING, \"x\", \"h\"))"));
    private static final PluginJarBuilder BAD_DEFAULT = PluginJarBuilder.plugin("d-bad-default")
            .source("t.d.Consumer", consumer("t.d", "Consumer", "\"dee\"",
                    "List.of(OptionSpec.of(\"dee-rate\", OptionType.DURATION, \"soon\", \"h\"))"));
    private static final PluginJarBuilder NULL_OPTIONS = PluginJarBuilder.plugin("e-null-options")
            .source("t.e.Consumer", consumer("t.e", "Consumer", "\"eee\"", "null"));
    private static final PluginJarBuilder F_GOOD = consumerPlugin("f-good", "t.f", "good");

    @BeforeAll
    static void compilePlugins() {
        PluginJarBuilder.compileTogether(List.of(PLAIN, OTHER_POINT, MISSING_CLASS, CTOR_THROWS, BUNDLER, A_GOOD, B_CRASH,
                NO_PLUGIN_CLASS, ID_THROWS, BAD_ID, OPTIONS_THROW, BAD_DEFAULT, NULL_OPTIONS, F_GOOD));
    }

    @Test
    void pluginWithoutExtensionsIsReportedAndStopped() {
        add(PLAIN);

        PluginLoadResult result = load();

        assertFailed(result, "plain", "no extensions: the plugin has no META-INF/extensions.idx");
        assertThat(result.consumers()).isEmpty();
        assertThat(events()).as("a plugin that fails after start is stopped at once").isEqualTo("plain:start;plain:stop;");
    }

    @Test
    void extensionIndexWithoutAnIpamConsumerIsReported() {
        add(OTHER_POINT);

        assertFailed(load(), "other-point", "no IpamConsumer extension: the extension index lists t.other.Thing but none implements dev.multipool.api.IpamConsumer");
    }

    @Test
    void extensionClassThatCannotBeLoadedIsReported() {
        add(MISSING_CLASS);

        assertFailed(load(), "missing-class", "extension class \"t.miss.Gone\" cannot be loaded: ClassNotFoundException: t.miss.Gone");
    }

    @Test
    void extensionWhoseConstructorThrowsIsReported() {
        add(CTOR_THROWS);

        assertFailed(load(), "ctor", "extension class \"t.ctor.Consumer\" cannot be created: IllegalStateException: no database");
    }

    @Test
    void pluginBundlingItsOwnCopyOfTheSpiIsReported() {
        add(BUNDLER);

        assertFailed(load(), "bundler", "implements another copy of dev.multipool.api.IpamConsumer: the plugin bundles the SPI");
    }

    @Test
    void pluginWhoseStartThrowsIsReportedAndTheOthersLoad() {
        add(A_GOOD);
        add(B_CRASH);

        PluginLoadResult result = load();

        assertFailed(result, "b-crash", "start() failed: IllegalStateException: start boom");
        assertThat(result.consumers()).extracting(LoadedConsumer::id).containsExactly("good");
        assertThat(events()).isEqualTo("a-good:start;b-crash:start;");
    }

    @Test
    void pluginClassThatDoesNotExistIsReported() {
        add(NO_PLUGIN_CLASS);

        assertFailed(load(), "no-class", "plugin class 't.nc.Missing' cannot be loaded: ClassNotFoundException");
    }

    @Test
    void exceptionsAndBadAnswersFromIdAndOptionsAreReported() {
        List.of(ID_THROWS, BAD_ID, OPTIONS_THROW, BAD_DEFAULT, NULL_OPTIONS, F_GOOD).forEach(this::add);

        PluginLoadResult result = load();

        assertFailed(result, "a-id-throws", "id() of extension \"t.a.Consumer\" failed: IllegalStateException: no id");
        assertFailed(result, "b-bad-id", "invalid consumer id \"Bad_Id\" from extension \"t.b.Consumer\": must match [a-z][a-z0-9-]*");
        assertFailed(result, "c-options-throw", "options() of consumer \"cee\" failed: IllegalArgumentException: invalid option name \"Not Valid\"");
        assertFailed(result, "d-bad-default", "consumer \"dee\" declares an invalid default \"soon\" for --dee-rate: expected a number");
        assertFailed(result, "e-null-options", "options() of consumer \"eee\" returned null");
        assertThat(result.consumers()).extracting(LoadedConsumer::id).containsExactly("good");
    }
}
