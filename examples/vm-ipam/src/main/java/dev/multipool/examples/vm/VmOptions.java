package dev.multipool.examples.vm;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerException;
import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import dev.multipool.api.PoolName;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the {@code vm} consumer. The host parses and validates them by type, accepts them
 * on the command line ({@code --vm-ipam-default-pool tenants}) and in the config file, and lists
 * them under {@code vm} in {@code --help}; this class checks what types cannot (pool names).
 *
 * @param defaultPool the pool of VMs whose namespace has none of its own
 * @param namespacePools pool per namespace
 * @param preAllocation spare addresses to keep per pool
 * @param startTimeout how long start-up waits for the pre-allocated pools' CIDRs before serving anyway
 */
public record VmOptions(PoolName defaultPool, Map<String, PoolName> namespacePools, Map<PoolName, Integer> preAllocation,
                        Duration startTimeout) {

    /** The pool of VMs whose namespace has none of its own. */
    public static final String DEFAULT_POOL = "vm-ipam-default-pool";
    /** {@code namespace=pool[,namespace=pool]}. */
    public static final String NAMESPACE_POOLS = "vm-ipam-namespace-pools";
    /** {@code pool=N[,pool=N]}. */
    public static final String PRE_ALLOCATION = "vm-ipam-pre-allocation";
    /** How long start-up waits for CIDRs. */
    public static final String START_TIMEOUT = "vm-ipam-start-timeout";

    /** Validates and copies the parts. */
    public VmOptions {
        requireNonNull(defaultPool, "defaultPool is null");
        namespacePools = Map.copyOf(requireNonNull(namespacePools, "namespacePools is null"));
        preAllocation = Map.copyOf(requireNonNull(preAllocation, "preAllocation is null"));
        requireNonNull(startTimeout, "startTimeout is null");
    }

    /**
     * Returns the declared options.
     *
     * @return the specs, in {@code --help} order
     */
    public static List<OptionSpec> specs() {
        return List.of(
                OptionSpec.of(DEFAULT_POOL, OptionType.STRING, "vm-default",
                        "VirtualMachineIPPool of VMs whose namespace has no pool of its own"),
                OptionSpec.unset(NAMESPACE_POOLS, OptionType.STRING_MAP,
                        "VirtualMachineIPPool per namespace, namespace=pool[,namespace=pool]"),
                OptionSpec.of(PRE_ALLOCATION, OptionType.POOL_COUNTS, "vm-default=2",
                        "spare VM addresses to keep per pool, pool=N[,pool=N]"),
                OptionSpec.of(START_TIMEOUT, OptionType.DURATION, "2m",
                        "how long start-up waits for a CIDR of every pre-allocated pool before serving anyway"));
    }

    /**
     * Reads the parsed values.
     *
     * @param options the host's parsed options of this consumer
     * @return the values
     * @throws ConsumerException naming the option when a pool name is invalid
     */
    public static VmOptions read(ConsumerOptions options) {
        String defaultPool = options.string(DEFAULT_POOL).orElseThrow();
        Map<String, PoolName> namespacePools = new LinkedHashMap<>();
        options.stringMap(NAMESPACE_POOLS).forEach((namespace, pool) ->
                namespacePools.put(namespace, pool(NAMESPACE_POOLS, pool)));
        return new VmOptions(pool(DEFAULT_POOL, defaultPool), namespacePools, options.poolCounts(PRE_ALLOCATION),
                options.duration(START_TIMEOUT).orElseThrow());
    }

    private static PoolName pool(String option, String value) {
        if (!PoolName.isValid(value)) {
            throw new ConsumerException("--" + option + ": \"" + value
                    + "\" is not a valid pool name (a DNS-1123 subdomain)");
        }
        return new PoolName(value);
    }
}
