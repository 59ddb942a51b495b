package dev.multipool.plugins.dra;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.BackgroundTask;
import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerDefinition;
import dev.multipool.api.IpamConsumer;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.ResourceDocument;
import dev.multipool.plugins.dra.claims.BackoffPolicy;
import dev.multipool.plugins.dra.claims.ClaimController;
import dev.multipool.plugins.dra.claims.ClaimControllers;
import dev.multipool.plugins.dra.pools.CidrsPresentGate;
import dev.multipool.plugins.dra.pools.DraMasqueradePolicy;
import dev.multipool.plugins.dra.pools.PoolPlacement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dra} consumer: addresses for DRA network devices from CiliumResourceIPPools, kept in
 * the CiliumNode's {@code spec.ipam.resourcepools} by its own manager (spec section 4), so a
 * resource pool and a pod pool of the same name never mix.
 *
 * <ul>
 *   <li>No pool selector: callers of {@code /v1/consumers/dra/ipam} name the pool.</li>
 *   <li>Masquerade policy and node-selector guard: {@link DraMasqueradePolicy}.</li>
 *   <li>Startup gate: {@link CidrsPresentGate} over {@code --resource-ipam-multi-pool-pre-allocation}
 *       (empty by default, so it opens at once).</li>
 *   <li>With {@code --dra-driver-name} and a Kubernetes client: the {@link ClaimController}.</li>
 * </ul>
 */
@Extension
public final class DraIpamConsumer implements IpamConsumer {

    /** The consumer id. */
    public static final String ID = "dra";

    private static final Logger LOG = LoggerFactory.getLogger(DraIpamConsumer.class);

    private final BackoffPolicy backoff;
    private final Duration gateDeadline;
    private final Duration resync;

    /** Creates the consumer with Cilium's timings; pf4j calls this. */
    public DraIpamConsumer() {
        this(BackoffPolicy.DEFAULT, CidrsPresentGate.DEFAULT_DEADLINE, ClaimController.DEFAULT_RESYNC);
    }

    /**
     * Creates the consumer with other timings (tests).
     *
     * @param backoff the claim retry policy
     * @param gateDeadline how long the startup gate waits before proceeding with a warning
     * @param resync how often the claim controller looks at every claim again
     */
    DraIpamConsumer(BackoffPolicy backoff, Duration gateDeadline, Duration resync) {
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.gateDeadline = requireNonNull(gateDeadline, "gateDeadline is null");
        this.resync = requireNonNull(resync, "resync is null");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "addresses for DRA network devices (CiliumResourceIPPool, spec.ipam.resourcepools)";
    }

    @Override
    public List<OptionSpec> options() {
        return DraOptions.specs();
    }

    @Override
    public ConsumerDefinition define(ConsumerContext context) {
        requireNonNull(context, "context is null");
        DraOptions options = DraOptions.read(context.options());
        PoolCatalog catalog = context.pools(PoolKind.CILIUM_RESOURCE_IP_POOL);
        PoolPlacement placement = new PoolPlacement(catalog, context.nodeName(), () -> nodeLabels(context));
        ConsumerDefinition.Builder definition = ConsumerDefinition
                .builder(PoolSectionAccessor.atPath("spec", "ipam", "resourcepools"), PoolKind.CILIUM_RESOURCE_IP_POOL)
                .preAllocation(options.preAllocation())
                .masqueradePolicy(new DraMasqueradePolicy(placement))
                .startupGate(new CidrsPresentGate(options.preAllocation(), context.enabledFamilies(), placement,
                        context::ipam, context.nodeName(), gateDeadline));
        options.driverName().ifPresentOrElse(driver -> {
            Optional<BackgroundTask> controller = ClaimControllers.create(context, driver, placement, backoff, resync);
            controller.ifPresentOrElse(definition::backgroundTask, () -> LOG.warn(
                    "--{} {} is set, but the host offers no Kubernetes client in {} mode: the claim controller is off "
                            + "and only the REST API /v1/consumers/{}/ipam serves this consumer",
                    DraOptions.DRIVER_NAME, driver, context.mode(), ID));
        }, () -> LOG.info("--{} is not set: the claim controller is off; the REST API /v1/consumers/{}/ipam serves "
                + "this consumer", DraOptions.DRIVER_NAME, ID));
        return definition.build();
    }

    private static Optional<Map<String, String>> nodeLabels(ConsumerContext context) {
        try {
            return context.ipam().node().map(ResourceDocument::labels);
        } catch (IllegalStateException notYetServing) {
            return Optional.empty();
        }
    }
}
