package dev.multipool.host.config;

import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A fixed environment and the consumers of ARCHITECTURE.md 5.1 (pod, dra), for the config tests. */
final class ConfigFixtures {

    static final Path INSTALL = Path.of("/opt/multipool");
    static final Path WORKING_DIRECTORY = Path.of("/home/operator");

    /** The environment of a host named "Node-A", installed in /opt/multipool, without K8S_NODE_NAME. */
    static final HostEnvironment ENV = HostEnvironment.fixed(Map.of(),
            Map.of(HostEnvironment.HOME_PROPERTY, INSTALL.toString()), "Node-A", WORKING_DIRECTORY);

    /** The pod consumer's options (Cilium's names and defaults). */
    static final ConsumerDeclaration POD = new ConsumerDeclaration("pod", "pod addresses", List.of(
            OptionSpec.of("ipam-multi-pool-pre-allocation", OptionType.POOL_COUNTS, "default=8",
                    "spare addresses to keep per pool"),
            OptionSpec.of("ipam-default-ip-pool", OptionType.NAME, "default", "pool for pods that name none"),
            OptionSpec.of("only-masquerade-default-pool", OptionType.BOOLEAN, "false", "masquerade only the default pool")));

    /** The DRA consumer's options. */
    static final ConsumerDeclaration DRA = new ConsumerDeclaration("dra", "DRA network devices", List.of(
            OptionSpec.of("resource-ipam-multi-pool-pre-allocation", OptionType.POOL_COUNTS, "",
                    "spare addresses to keep per resource pool"),
            OptionSpec.unset("dra-driver-name", OptionType.NAME, "DRA driver whose claims are watched")));

    /** A consumer with the remaining option types. */
    static final ConsumerDeclaration VM = new ConsumerDeclaration("vm", "vm", List.of(
            OptionSpec.of("vm-max-leases", OptionType.INTEGER, "16", "leases per VM"),
            OptionSpec.unset("vm-lease-time", OptionType.DURATION, "lease time"),
            OptionSpec.unset("vm-labels", OptionType.STRING_MAP, "labels to match")));

    static final List<ConsumerDeclaration> CONSUMERS = List.of(POD, DRA);

    private ConfigFixtures() {
    }

    /** Runs both phases with the pod and dra consumers and no failed plugin. */
    static Configuration parse(String... args) {
        return parse(CONSUMERS, args);
    }

    static Configuration parse(List<ConsumerDeclaration> consumers, String... args) {
        return ConfigParser.bootstrap(Arrays.asList(args), ENV).complete(consumers, List.of());
    }

    static HostOptions host(String... args) {
        return parse(args).host();
    }
}
