package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;

/**
 * Two small consumer plugins compiled at test time, shaped like the real pod and DRA consumers as
 * far as the node resource is concerned, so host tests can run both against one CiliumNode:
 * <ul>
 *   <li>{@value #POD} (plugin {@code test-pod}): section {@code spec.ipam.pools}, pools of kind
 *       CiliumPodIPPool, pre-allocation from {@code --test-pod-pre-allocation pool=N,...}, and pool
 *       {@code default} for requests that name none;</li>
 *   <li>{@value #DRA} (plugin {@code test-dra}): section {@code spec.ipam.resourcepools}, pools of
 *       kind CiliumResourceIPPool, pre-allocation from {@code --test-dra-pre-allocation}; requests
 *       must name their pool.</li>
 * </ul>
 * Neither has startup gates or background tasks: they are ready as soon as the node is seen and
 * their stored allocations are restored.
 */
public final class TestConsumerPlugins {

    /** Id of the pod-like consumer. */
    public static final String POD = "pod";
    /** Id of the DRA-like consumer. */
    public static final String DRA = "dra";
    /** Option of the pod-like consumer: its pre-allocation map. */
    public static final String POD_PRE_ALLOCATION = "--test-pod-pre-allocation";
    /** Option of the DRA-like consumer: its pre-allocation map. */
    public static final String DRA_PRE_ALLOCATION = "--test-dra-pre-allocation";

    private static final PluginJarBuilder POD_PLUGIN = PluginJarBuilder.plugin("test-pod")
            .source("t.k8s.pod.PodLikeConsumer", consumer("t.k8s.pod", "PodLikeConsumer", POD, "pools",
                    "CILIUM_POD_IP_POOL", "test-pod-pre-allocation",
                    ".poolSelector(request -> PoolName.of(\"default\"))"));
    private static final PluginJarBuilder DRA_PLUGIN = PluginJarBuilder.plugin("test-dra")
            .source("t.k8s.dra.DraLikeConsumer", consumer("t.k8s.dra", "DraLikeConsumer", DRA, "resourcepools",
                    "CILIUM_RESOURCE_IP_POOL", "test-dra-pre-allocation", ""));

    private static boolean compiled;

    private TestConsumerPlugins() {
    }

    /**
     * Writes both plugin jars into a plugins directory (compiling them once per JVM).
     *
     * @param pluginsDir the directory the host's {@code --plugins-dir} names
     * @return the jars
     */
    public static List<Path> buildInto(Path pluginsDir) {
        requireNonNull(pluginsDir, "pluginsDir is null");
        synchronized (TestConsumerPlugins.class) {
            if (!compiled) {
                PluginJarBuilder.compileTogether(List.of(POD_PLUGIN, DRA_PLUGIN));
                compiled = true;
            }
        }
        return List.of(POD_PLUGIN.buildInto(pluginsDir), DRA_PLUGIN.buildInto(pluginsDir));
    }

    private static String consumer(String pkg, String className, String id, String sectionKey, String kindConstant,
                                   String preAllocationOption, String extraBuilderCalls) {
        return "package " + pkg + ";\n"
                + "import dev.multipool.api.*;\n"
                + "import java.util.List;\n"
                + "@org.pf4j.Extension\n"
                + "public class " + className + " implements IpamConsumer {\n"
                + "  @Override public String id() { return \"" + id + "\"; }\n"
                + "  @Override public String description() { return \"" + id + "-like test consumer of spec.ipam."
                + sectionKey + "\"; }\n"
                + "  @Override public List<OptionSpec> options() {\n"
                + "    return List.of(OptionSpec.unset(\"" + preAllocationOption + "\", OptionType.POOL_COUNTS,\n"
                + "        \"spare addresses per pool\"));\n"
                + "  }\n"
                + "  @Override public ConsumerDefinition define(ConsumerContext context) {\n"
                + "    return ConsumerDefinition.builder(PoolSectionAccessor.atPath(\"spec\", \"ipam\", \"" + sectionKey
                + "\"),\n"
                + "            PoolKind." + kindConstant + ")\n"
                + "        .preAllocation(context.options().poolCounts(\"" + preAllocationOption + "\"))\n"
                + "        " + extraBuilderCalls + "\n"
                + "        .build();\n"
                + "  }\n"
                + "}\n";
    }
}
