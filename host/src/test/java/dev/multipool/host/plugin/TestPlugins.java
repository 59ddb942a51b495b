package dev.multipool.host.plugin;

import dev.multipool.host.testing.PluginJarBuilder;

/**
 * Sources of the small plugins the loader tests build. Consumers record, from inside the plugin,
 * whether each call ran with the plugin's class loader as TCCL ({@code SEEN}); plugin classes
 * append their start and stop to the system property {@value #EVENTS}, which every class loader
 * sees.
 */
final class TestPlugins {

    /** System property the recording plugins append {@code <id>:start;} and {@code <id>:stop;} to. */
    static final String EVENTS = "multipool.test.plugin-events";

    private TestPlugins() {
    }

    /** A plugin with one consumer (annotated, indexed by pf4j's processor) and a recording Plugin class. */
    static PluginJarBuilder consumerPlugin(String pluginId, String pkg, String consumerId) {
        return PluginJarBuilder.plugin(pluginId)
                .source(pkg + ".Consumer", consumer(pkg, "Consumer", "\"" + consumerId + "\"", optionsOf(consumerId)))
                .source(pkg + ".Recording", recordingPlugin(pkg, pluginId, "", ""))
                .pluginClass(pkg + ".Recording");
    }

    /** The default options of a test consumer: one integer option named after it. */
    static String optionsOf(String consumerId) {
        return "List.of(OptionSpec.of(\"" + consumerId + "-size\", OptionType.INTEGER, \"4\", \"how many\"))";
    }

    /**
     * A consumer class.
     *
     * @param idExpression Java expression for id()
     * @param optionsExpression Java expression for options()
     */
    static String consumer(String pkg, String className, String idExpression, String optionsExpression) {
        return "package " + pkg + ";\n"
                + "import dev.multipool.api.*;\n"
                + "import java.util.List;\n"
                + "import java.util.concurrent.CopyOnWriteArrayList;\n"
                + "@org.pf4j.Extension\n"
                + "public class " + className + " implements IpamConsumer {\n"
                + "  public static final List<String> SEEN = new CopyOnWriteArrayList<>();\n"
                + "  private static void see(String call) {\n"
                + "    SEEN.add(call + \"=\" + (Thread.currentThread().getContextClassLoader() == "
                + className + ".class.getClassLoader()));\n"
                + "  }\n"
                + "  @Override public String id() { see(\"id\"); return " + idExpression + "; }\n"
                + "  @Override public String description() { see(\"description\"); return \"test consumer\"; }\n"
                + "  @Override public List<OptionSpec> options() { see(\"options\"); return " + optionsExpression + "; }\n"
                + "  @Override public ConsumerDefinition define(ConsumerContext context) {\n"
                + "    see(\"define\");\n"
                + "    if (context == null) { throw new ConsumerException(\"no context\"); }\n"
                + "    return ConsumerDefinition.builder(PoolSectionAccessor.atPath(\"spec\", \"ipam\", \"pools\"),\n"
                + "        PoolKind.CILIUM_POD_IP_POOL).build();\n"
                + "  }\n"
                + "}\n";
    }

    /**
     * A pf4j Plugin class recording its start and stop in {@link #EVENTS}.
     *
     * @param startExtra statements run after recording the start (for example a throw)
     * @param stopExtra statements run after recording the stop
     */
    static String recordingPlugin(String pkg, String pluginId, String startExtra, String stopExtra) {
        return "package " + pkg + ";\n"
                + "public class Recording extends org.pf4j.Plugin {\n"
                + "  private static void record(String what) {\n"
                + "    boolean own = Thread.currentThread().getContextClassLoader() == Recording.class.getClassLoader();\n"
                + "    synchronized (System.class) {\n"
                + "      System.setProperty(\"" + EVENTS + "\", System.getProperty(\"" + EVENTS + "\", \"\")\n"
                + "          + \"" + pluginId + ":\" + what + (own ? \"\" : \"(foreign TCCL)\") + \";\");\n"
                + "    }\n"
                + "  }\n"
                + "  @Override public void start() { record(\"start\"); " + startExtra + " }\n"
                + "  @Override public void stop() { record(\"stop\"); " + stopExtra + " }\n"
                + "}\n";
    }
}
