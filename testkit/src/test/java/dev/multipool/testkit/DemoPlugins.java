package dev.multipool.testkit;

import dev.multipool.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Small real plugin jars for the kit's own tests, compiled at test time against the SPI with pf4j's
 * annotation processor (as a third party's build would) and cached for the test JVM.
 */
final class DemoPlugins {

    /** The system property {@link AnnotatedHostTest} reads the demo jar from. */
    static final String DEMO_JAR_PROPERTY = "testkit.demo.jar";

    private static final Path DIRECTORY = directory();

    /**
     * {@code demo-plugin} 1.2.3: consumer {@code demo}, section {@code spec.ipam.pools}, CiliumPodIPPools,
     * option {@code demo-pre-allocation} (default {@code default=2}), a {@code cidrs-present} gate,
     * and a selector that picks pool {@code default}.
     */
    private static final PluginJarBuilder DEMO_BUILD = PluginJarBuilder.plugin("demo-plugin").version("1.2.3")
            .source("demo.DemoConsumer", """
                    package demo;
                    import dev.multipool.api.*;
                    import java.util.List;
                    import java.util.Map;
                    @org.pf4j.Extension
                    public class DemoConsumer implements IpamConsumer {
                      @Override public String id() { return "demo"; }
                      @Override public String description() { return "demo addresses"; }
                      @Override public List<OptionSpec> options() {
                        return List.of(OptionSpec.of("demo-pre-allocation", OptionType.POOL_COUNTS, "default=2",
                            "spare demo addresses per pool"));
                      }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        Map<PoolName, Integer> spare = context.options().poolCounts("demo-pre-allocation");
                        return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "pools"),
                                PoolKind.CILIUM_POD_IP_POOL)
                            .preAllocation(spare)
                            .poolSelector(request -> new PoolName("default"))
                            .startupGate(new StartupGate() {
                              @Override public String name() { return "cidrs-present"; }
                              @Override public GateStatus check() {
                                for (PoolName pool : spare.keySet()) {
                                  if (spare.get(pool) > 0 && !context.ipam().hasFreeAddress(pool, Family.IPV4)) {
                                    return GateStatus.waiting("a CIDR of pool " + pool);
                                  }
                                }
                                return GateStatus.open();
                              }
                            })
                            .build();
                      }
                    }
                    """)
            .source("demo.DemoPlugin", "package demo; public class DemoPlugin extends org.pf4j.Plugin { }")
            .pluginClass("demo.DemoPlugin");

    /** {@code broken-plugin} 0.1.0: consumer {@code broken}, whose {@code define} throws. */
    private static final PluginJarBuilder BROKEN_BUILD = PluginJarBuilder.plugin("broken-plugin").version("0.1.0")
            .source("broken.BrokenConsumer", """
                    package broken;
                    import dev.multipool.api.*;
                    @org.pf4j.Extension
                    public class BrokenConsumer implements IpamConsumer {
                      @Override public String id() { return "broken"; }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        throw new ConsumerException("the broken consumer needs a service this host lacks");
                      }
                    }
                    """);

    /** {@code stuck-plugin} 0.2.0: consumer {@code stuck}, whose gate {@code never-opens} waits forever. */
    private static final PluginJarBuilder STUCK_BUILD = PluginJarBuilder.plugin("stuck-plugin").version("0.2.0")
            .source("stuck.StuckConsumer", """
                    package stuck;
                    import dev.multipool.api.*;
                    @org.pf4j.Extension
                    public class StuckConsumer implements IpamConsumer {
                      @Override public String id() { return "stuck"; }
                      @Override public ConsumerDefinition define(ConsumerContext context) {
                        return ConsumerDefinition.builder(PoolSectionAccessor.atPath("spec", "ipam", "stuckpools"),
                                PoolKind.CILIUM_POD_IP_POOL)
                            .startupGate(new StartupGate() {
                              @Override public String name() { return "never-opens"; }
                              @Override public GateStatus check() {
                                return GateStatus.waiting("something that never comes");
                              }
                            })
                            .build();
                      }
                    }
                    """);

    /** {@code future-plugin} 3.0.0: built for SPI 2.x, so this host (SPI 1.x) must refuse it. */
    private static final PluginJarBuilder FUTURE_BUILD = PluginJarBuilder.plugin("future-plugin").version("3.0.0")
            .requires(">=2.0.0 & <3.0.0")
            .source("future.FutureConsumer", """
                    package future;
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

    static final Path DEMO;
    static final Path BROKEN;
    static final Path STUCK;
    static final Path FUTURE;
    /** A file named like a plugin jar that is not a zip archive. */
    static final Path CORRUPT;

    static {
        PluginJarBuilder.compileTogether(List.of(DEMO_BUILD, BROKEN_BUILD, STUCK_BUILD, FUTURE_BUILD));
        DEMO = DEMO_BUILD.buildInto(DIRECTORY);
        BROKEN = BROKEN_BUILD.buildInto(DIRECTORY);
        STUCK = STUCK_BUILD.buildInto(DIRECTORY);
        FUTURE = FUTURE_BUILD.buildInto(DIRECTORY);
        CORRUPT = PluginJarBuilder.corruptJar(DIRECTORY, "corrupt-plugin.jar");
    }

    private DemoPlugins() {
    }

    /**
     * Returns every demo jar.
     *
     * @return the jars
     */
    static List<Path> all() {
        return List.of(DEMO, BROKEN, STUCK, FUTURE, CORRUPT);
    }

    private static Path directory() {
        try {
            Path directory = Files.createTempDirectory("testkit-demo-plugins-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory left behind; nothing more to do
                }
            }));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
