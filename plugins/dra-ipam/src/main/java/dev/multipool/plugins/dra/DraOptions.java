package dev.multipool.plugins.dra;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerException;
import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import dev.multipool.api.PoolName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options of the {@code dra} consumer and their parsed values.
 *
 * @param preAllocation spare addresses to keep per resource pool (empty by default, as in Cilium)
 * @param driverName the DRA driver whose ResourceClaims the claim controller serves; empty turns
 *     the controller off, leaving the REST API as the only way in
 */
public record DraOptions(Map<PoolName, Integer> preAllocation, Optional<String> driverName) {

    /** Pre-allocation per resource pool, Cilium's {@code --resource-ipam-multi-pool-pre-allocation}. */
    public static final String PRE_ALLOCATION = "resource-ipam-multi-pool-pre-allocation";

    /** The DRA driver name the claim controller answers for. */
    public static final String DRIVER_NAME = "dra-driver-name";

    /** A DRA driver name is a DNS subdomain (checked as a pool name is) of at most this many characters. */
    private static final int DRIVER_MAX_LENGTH = 63;

    /** Validates and copies the parts. */
    public DraOptions {
        preAllocation = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(preAllocation, "preAllocation is null")));
        requireNonNull(driverName, "driverName is null");
    }

    /**
     * Returns the declared options, for the host's parser and {@code --help}.
     *
     * @return the option specs
     */
    public static List<OptionSpec> specs() {
        return List.of(
                OptionSpec.unset(PRE_ALLOCATION, OptionType.POOL_COUNTS,
                        "spare addresses per CiliumResourceIPPool to keep on this node, pool=N[,pool=N]"),
                OptionSpec.unset(DRIVER_NAME, OptionType.NAME,
                        "DRA driver whose ResourceClaims get addresses on this node; unset: only the REST API serves dra"));
    }

    /**
     * Reads the parsed option values.
     *
     * @param options the host's parsed options of this consumer
     * @return the values
     * @throws ConsumerException naming the option when the driver name is not a valid DRA driver name
     */
    public static DraOptions read(ConsumerOptions options) {
        requireNonNull(options, "options is null");
        Optional<String> driver = options.string(DRIVER_NAME).map(String::trim).filter(name -> !name.isEmpty());
        driver.ifPresent(name -> {
            // the host has checked the object-name syntax (a NAME option); a driver name is also shorter
            if (name.length() > DRIVER_MAX_LENGTH || !PoolName.isValid(name)) {
                throw new ConsumerException("invalid --" + DRIVER_NAME + " \"" + name
                        + "\": a DRA driver name is a DNS subdomain of at most " + DRIVER_MAX_LENGTH + " characters");
            }
        });
        return new DraOptions(options.poolCounts(PRE_ALLOCATION), driver);
    }
}
