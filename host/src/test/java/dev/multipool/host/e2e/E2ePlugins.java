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
    static final PluginJarBuilder POD = PluginJarBuilder.plugin("e2e-pod").version("1.2.3")
            .source("e2e.pod.PodConsumer", """
                    package e2e.pod;
                    import dev.multipool.api.*;
                    import java.util.List;
                    @org.pf4j.Extension
                    public class PodConsumer implements IpamConsumer {
                      @Override public String id() { return "pod"; }
                      @Override public String description() { return "end-to-end pods"; }
                      @Override public List<OptionSpec> options() {
                        return List.of(OptionSpec.of("%s", OptionType.POOL_COUNTS, "default=2", "spare pod addresses per pool"));
                      }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        PoolCatalog pools = context.pools(PoolKind.CILIUM_POD_IP_POOL);
                        return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "pools"),
                                PoolKind.CILIUM_POD_IP_POOL)
                            .preAllocation(context.options().poolCounts("%s"))
                            .poolSelector(request -> PoolName.of("default"))
                            .masqueradePolicy(pool -> pools.get(pool).map(PoolDefinition::skipMasqueradeAnnotated).orElse(false))
                            .build();
                      }
                    }
                    """.formatted(POD_PRE_ALLOCATION, POD_PRE_ALLOCATION));

    /**
     * Consumer {@code dra} (plugin {@code e2e-dra}): section {@code spec.ipam.resourcepools}, pools
     * are CiliumResourceIPPools, no pool selector (callers name the pool), pre-allocation from its
     * option (default none).
     */
    static final PluginJarBuilder DRA = PluginJarBuilder.plugin("e2e-dra")
            .source("e2e.dra.DraConsumer", """
                    package e2e.dra;
                    import dev.multipool.api.*;
                    import java.util.List;
                    @org.pf4j.Extension
                    public class DraConsumer implements IpamConsumer {
                      @Override public String id() { return "dra"; }
                      @Override public List<OptionSpec> options() {
                        return List.of(OptionSpec.of("%s", OptionType.POOL_COUNTS, "", "spare device addresses per pool"));
                      }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "resourcepools"),
                                PoolKind.CILIUM_RESOURCE_IP_POOL)
                            .preAllocation(context.options().poolCounts("%s"))
                            .build();
                      }
                    }
                    """.formatted(DRA_PRE_ALLOCATION, DRA_PRE_ALLOCATION));

    /** Consumer {@code waiter}: one gate that waits until the file named by its option exists. */
    static final PluginJarBuilder WAITER = PluginJarBuilder.plugin("e2e-waiter")
            .source("e2e.waiter.WaiterConsumer", """
                    package e2e.waiter;
                    import dev.multipool.api.*;
                    import java.nio.file.*;
                    import java.util.List;
                    @org.pf4j.Extension
                    public class WaiterConsumer implements IpamConsumer {
                      @Override public String id() { return "waiter"; }
                      @Override public List<OptionSpec> options() {
                        return List.of(OptionSpec.unset("%s", OptionType.STRING, "open the gate once this file exists"));
                      }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        Path file = Path.of(context.options().string("%s").orElseThrow(
                            () -> new ConsumerException("--%s is required")));
                        return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "waiterpools"),
                                PoolKind.CILIUM_POD_IP_POOL)
                            .startupGate(new StartupGate() {
                              @Override public String name() { return "%s"; }
                              @Override public GateStatus check() {
                                return Files.exists(file) ? GateStatus.open() : GateStatus.waiting("file " + file + " to appear");
                              }
                            })
                            .build();
                      }
                    }
                    """.formatted(WAITER_FILE, WAITER_FILE, WAITER_FILE, WAITER_GATE));

    /** Consumer {@code gate-boom}: its only gate throws. */
    static final PluginJarBuilder GATE_THROWS = PluginJarBuilder.plugin("e2e-gate-boom")
            .source("e2e.gateboom.GateBoomConsumer", """
                    package e2e.gateboom;
                    import dev.multipool.api.*;
                    @org.pf4j.Extension
                    public class GateBoomConsumer implements IpamConsumer {
                      @Override public String id() { return "gate-boom"; }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "boompools"),
                                PoolKind.CILIUM_POD_IP_POOL)
                            .startupGate(new StartupGate() {
                              @Override public String name() { return "%s"; }
                              @Override public GateStatus check() { throw new IllegalStateException("the gate exploded"); }
                            })
                            .build();
                      }
                    }
                    """.formatted(THROWING_GATE));

    /** Consumer {@code define-boom}: {@code define} throws. */
    static final PluginJarBuilder DEFINE_THROWS = PluginJarBuilder.plugin("e2e-define-boom")
            .source("e2e.defineboom.DefineBoomConsumer", """
                    package e2e.defineboom;
                    import dev.multipool.api.*;
                    @org.pf4j.Extension
                    public class DefineBoomConsumer implements IpamConsumer {
                      @Override public String id() { return "define-boom"; }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        throw new ConsumerException("no backend configured for define-boom");
                      }
                    }
                    """);

    /** A plugin built for SPI 2.x, which this host must refuse. */
    static final PluginJarBuilder WRONG_SPI = PluginJarBuilder.plugin("e2e-future").requires(">=2.0.0 & <3.0.0")
            .source("e2e.future.FutureConsumer", """
                    package e2e.future;
                    import dev.multipool.api.*;
                    @org.pf4j.Extension
                    public class FutureConsumer implements IpamConsumer {
                      @Override public String id() { return "future"; }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "futurepools"),
                            PoolKind.CILIUM_POD_IP_POOL).build();
                      }
                    }
                    """);

    /** A plugin whose consumer class is not marked as an extension, so it offers no consumer. */
    static final PluginJarBuilder NO_EXTENSION = PluginJarBuilder.plugin("e2e-empty")
            .source("e2e.empty.Forgotten", """
                    package e2e.empty;
                    import dev.multipool.api.*;
                    public class Forgotten implements IpamConsumer {
                      @Override public String id() { return "forgotten"; }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "forgotten"),
                            PoolKind.CILIUM_POD_IP_POOL).build();
                      }
                    }
                    """);

    private E2ePlugins() {
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
