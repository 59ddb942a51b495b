package dev.multipool.plugins.pod;

import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import java.util.List;

/** The options the pod consumer declares; the host parses them and lists them in {@code --help}. */
public final class PodOptions {

    /** Spare addresses to keep per pool, Cilium's flag of the same name. */
    public static final String PRE_ALLOCATION = "ipam-multi-pool-pre-allocation";

    /** The pool used when nothing else chooses one, Cilium's flag of the same name. */
    public static final String DEFAULT_POOL = "ipam-default-ip-pool";

    /** When true, addresses of every pool but the default one skip masquerading (Cilium's flag). */
    public static final String ONLY_MASQUERADE_DEFAULT_POOL = "only-masquerade-default-pool";

    /** How long the start-up waits for CIDRs of the pre-allocated pools before serving anyway. */
    public static final String CIDR_WAIT_TIMEOUT = "ipam-multi-pool-cidr-wait-timeout";

    private PodOptions() {
    }

    /**
     * Returns the declared options.
     *
     * @return the option specs, in the order {@code --help} shows them
     */
    public static List<OptionSpec> specs() {
        return List.of(
                OptionSpec.of(PRE_ALLOCATION, OptionType.POOL_COUNTS, "default=8",
                        "spare pod addresses to keep per pool, pool=N[,pool=N] (0: no spare addresses, no start-up wait)"),
                OptionSpec.of(DEFAULT_POOL, OptionType.NAME, "default",
                        "pool for pods that name none and match no pool selector"),
                OptionSpec.of(ONLY_MASQUERADE_DEFAULT_POOL, OptionType.BOOLEAN, "false",
                        "masquerade only addresses of the default pool; every other pool skips masquerading"),
                OptionSpec.of(CIDR_WAIT_TIMEOUT, OptionType.DURATION, "3m",
                        "how long start-up waits for a CIDR of every pre-allocated pool and family before serving"
                                + " with a warning (0 waits forever)"));
    }
}
