package dev.multipool.host.e2e;

import dev.multipool.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;

/**
 * The tiny consumer plugins the end-to-end tests load into the real host, compiled at test time
 * against the SPI. Each is a real pf4j jar; the host knows nothing about them but what the SPI says.
 */
final class E2ePlugins {

    /** Option of {@link #POD} and {@link #DRA}: spare addresses per pool. */
    static final String POD_PRE_ALLOCATION = "e2e-pod-pre-allocation";
    /** Option of {@link #DRA}. */
    static final String DRA_PRE_ALLOCATION = "e2e-dra-pre-allocation";
    /** Option of {@link #WAITER}: the gate opens once this file exists. */
    static final String WAITER_FILE = "e2e-waiter-file";
    /** The gate of {@link #WAITER}. */
    static final String WAITER_GATE = "e2e-file-present";
    /** The gate of {@link #GATE_THROWS}. */
    static final String THROWING_GATE = "e2e-exploding-gate";

    /**
     * Consumer {@code pod} (plugin {@code e2e-pod}): section {@code spec.ipam.pools}, pools are
     * CiliumPodIPPools, a selector that picks {@code default}, skip-masquerade from the pool's
     * annotation, pre-allocation from its option (default {@code default=2}).
     */
    static final PluginJarBuilder POD = consumer("e2e-pod", "e2e.pod.PodConsumer", "pod", """
              @Override public String description() { return "end-to-end pods"; }
              @Override public List<OptionSpec> options() {
                return List.of(OptionSpec.of("%1$s", OptionType.POOL_COUNTS, "default=2", "spare pod addresses per pool"));
              }
              @Override public ConsumerDefinition define(ConsumerContext context) {
                PoolCatalog pools = context.pools(PoolKind.CILIUM_POD_IP_POOL);
                return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "pools"),
                        PoolKind.CILIUM_POD_IP_POOL)
                    .preAllocation(context.options().poolCounts("%1$s"))
                    .poolSelector(request -> PoolName.of("default"))
                    .masqueradePolicy(pool -> pools.get(pool).map(PoolDefinition::skipMasqueradeAnnotated).orElse(false))
                    .build();
              }
            """.formatted(POD_PRE_ALLOCATION)).version("1.2.3");

    /**
     * Consumer {@code dra} (plugin {@code e2e-dra}): section {@code spec.ipam.resourcepools}, pools
     * are CiliumResourceIPPools, no pool selector (callers name the pool), pre-allocation from its
     * option (default none).
     */
    static final PluginJarBuilder DRA = consumer("e2e-dra", "e2e.dra.DraConsumer", "dra", """
              @Override public List<OptionSpec> options() {
                return List.of(OptionSpec.of("%1$s", OptionType.POOL_COUNTS, "", "spare device addresses per pool"));
              }
              @Override public ConsumerDefinition define(ConsumerContext context) {
                return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "resourcepools"),
                        PoolKind.CILIUM_RESOURCE_IP_POOL)
                    .preAllocation(context.options().poolCounts("%1$s"))
                    .build();
              }
            """.formatted(DRA_PRE_ALLOCATION));

    /** Consumer {@code waiter}: one gate that waits until the file named by its option exists. */
    static final PluginJarBuilder WAITER = consumer("e2e-waiter", "e2e.waiter.WaiterConsumer", "waiter", """
              @Override public List<OptionSpec> options() {
                return List.of(OptionSpec.unset("%1$s", OptionType.STRING, "open the gate once this file exists"));
              }
              @Override public ConsumerDefinition define(ConsumerContext context) {
                java.nio.file.Path file = java.nio.file.Path.of(context.options().string("%1$s").orElseThrow(
                    () -> new ConsumerException("--%1$s is required")));
                return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "waiterpools"),
                        PoolKind.CILIUM_POD_IP_POOL)
                    .startupGate(new StartupGate() {
                      @Override public String name() { return "%2$s"; }
                      @Override public GateStatus check() {
                        return java.nio.file.Files.exists(file) ? GateStatus.open()
                            : GateStatus.waiting("file " + file + " to appear");
                      }
                    })
                    .build();
              }
            """.formatted(WAITER_FILE, WAITER_GATE));

    /** Consumer {@code gate-boom}: its only gate throws. */
    static final PluginJarBuilder GATE_THROWS = consumer("e2e-gate-boom", "e2e.gateboom.GateBoomConsumer", "gate-boom", """
              @Override public ConsumerDefinition define(ConsumerContext context) {
                return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "boompools"),
                        PoolKind.CILIUM_POD_IP_POOL)
                    .startupGate(new StartupGate() {
                      @Override public String name() { return "%s"; }
                      @Override public GateStatus check() { throw new IllegalStateException("the gate exploded"); }
                    })
                    .build();
              }
            """.formatted(THROWING_GATE));

    /** Consumer {@code define-boom}: {@code define} throws. */
    static final PluginJarBuilder DEFINE_THROWS = consumer("e2e-define-boom", "e2e.defineboom.DefineBoomConsumer",
            "define-boom", """
              @Override public ConsumerDefinition define(ConsumerContext context) {
                throw new ConsumerException("no backend configured for define-boom");
              }
            """);

    /** A plugin built for SPI 2.x, which this host must refuse. */
    static final PluginJarBuilder WRONG_SPI = consumer("e2e-future", "e2e.future.FutureConsumer", "future",
            definedBy("futurepools")).requires(">=2.0.0 & <3.0.0");

    /** A plugin whose consumer class is not marked as an extension, so it offers no consumer. */
    static final PluginJarBuilder NO_EXTENSION = PluginJarBuilder.plugin("e2e-empty")
            .source("e2e.empty.Forgotten", consumerSource("e2e.empty.Forgotten", "forgotten", definedBy("forgotten"))
                    .replace("@org.pf4j.Extension\n", ""));

    private E2ePlugins() {
    }

    /**
     * A plugin with one consumer, marked as a pf4j extension.
     *
     * @param pluginId the plugin id
     * @param className the consumer's fully qualified class name
     * @param consumerId what its {@code id()} returns
     * @param members the class's further members (Java source, indented by two spaces)
     */
    private static PluginJarBuilder consumer(String pluginId, String className, String consumerId, String members) {
        return PluginJarBuilder.plugin(pluginId).source(className, consumerSource(className, consumerId, members));
    }

    /** The source of a consumer class in its own package, seeing the whole SPI and {@code java.util.List}. */
    private static String consumerSource(String className, String consumerId, String members) {
        int dot = className.lastIndexOf('.');
        return """
                package %s;
                import dev.multipool.api.*;
                import java.util.List;
                @org.pf4j.Extension
                public class %s implements IpamConsumer {
                  @Override public String id() { return "%s"; }
                %s}
                """.formatted(className.substring(0, dot), className.substring(dot + 1), consumerId, members);
    }

    /** A {@code define} giving only a section {@code spec.ipam.<name>} of CiliumPodIPPools. */
    private static String definedBy(String section) {
        return """
                  @Override public ConsumerDefinition define(ConsumerContext context) {
                    return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "%s"),
                        PoolKind.CILIUM_POD_IP_POOL).build();
                  }
                """.formatted(section);
    }

    /** Compiles every test plugin in one compiler run (once per test JVM). */
    static void compileAll() {
        PluginJarBuilder.compileTogether(List.of(POD, DRA, WAITER, GATE_THROWS, DEFINE_THROWS, WRONG_SPI, NO_EXTENSION));
    }

    /**
     * Writes a corrupt jar.
     *
     * @param directory the plugins directory
     * @return the file
     */
    static Path corruptJar(Path directory) {
        return PluginJarBuilder.corruptJar(directory, "e2e-corrupt.jar");
    }
}
