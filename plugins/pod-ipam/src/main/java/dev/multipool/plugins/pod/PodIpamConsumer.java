package dev.multipool.plugins.pod;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerDefinition;
import dev.multipool.api.HostMode;
import dev.multipool.api.IpamConsumer;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.plugins.pod.gate.CidrsPresentGate;
import dev.multipool.plugins.pod.gate.FirstNodeWriteGate;
import dev.multipool.plugins.pod.gate.PoolsKnownGate;
import dev.multipool.plugins.pod.kubernetes.InformerPodDirectory;
import dev.multipool.plugins.pod.kubernetes.KubernetesPods;
import dev.multipool.plugins.pod.masquerade.PodMasqueradePolicy;
import dev.multipool.plugins.pod.range.LocalNodeAllocRange;
import dev.multipool.plugins.pod.selection.DefaultPoolSelector;
import dev.multipool.plugins.pod.selection.PodPoolSelector;
import dev.multipool.plugins.pod.selection.SelectorPoolCache;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod consumer ({@code pod}): Cilium's pod IPAM in multi-pool mode (spec section 3). Its pools
 * are CiliumPodIPPools, its section {@code spec.ipam.pools}; it supplies the pod masquerade policy
 * (P4), the start-up gates {@code cidrs-present}, {@code pools-known} and {@code first-node-write}
 * (M48, P2, P5), the node's alloc range (P6) and, for requests without a pool, pool selection from
 * pod and namespace annotations and pool selectors (P7).
 */
@Extension
public final class PodIpamConsumer implements IpamConsumer {

    /** The consumer id. */
    public static final String ID = "pod";

    private static final Logger LOG = LoggerFactory.getLogger(PodIpamConsumer.class);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "pod addresses from CiliumPodIPPools (spec.ipam.pools)";
    }

    @Override
    public List<OptionSpec> options() {
        return PodOptions.specs();
    }

    @Override
    public ConsumerDefinition define(ConsumerContext context) {
        requireNonNull(context, "context is null");
        PodSettings settings = PodSettings.from(context.options());
        PoolCatalog pools = context.pools(PoolKind.CILIUM_POD_IP_POOL);
        ConsumerDefinition.Builder builder = ConsumerDefinition.builder(
                        PoolSectionAccessor.atPath("spec", "ipam", "pools"), PoolKind.CILIUM_POD_IP_POOL)
                .preAllocation(settings.preAllocation())
                .masqueradePolicy(new PodMasqueradePolicy(pools, settings.defaultPool(),
                        settings.onlyMasqueradeDefaultPool()))
                .allocRange(new LocalNodeAllocRange())
                .startupGate(new CidrsPresentGate(context, pools, settings.preAllocation(), settings.cidrWaitTimeout()))
                .startupGate(new PoolsKnownGate(pools, settings.preAllocation().keySet(), context.clock(),
                        PoolsKnownGate.PER_POOL_TIMEOUT))
                .startupGate(new FirstNodeWriteGate(context));
        Optional<InformerPodDirectory> directory = KubernetesPods.directory(context);
        if (directory.isPresent()) {
            SelectorPoolCache selectorPools = new SelectorPoolCache(pools);
            builder.backgroundTask(selectorPools)
                    .backgroundTask(directory.get())
                    .poolSelector(new PodPoolSelector(pools, selectorPools, directory.get(), settings.defaultPool()));
        } else {
            if (context.mode() == HostMode.KUBERNETES) {
                LOG.warn("the host offers no Kubernetes client: requests without a pool get pool '{}'",
                        settings.defaultPool());
            }
            builder.poolSelector(new DefaultPoolSelector(settings.defaultPool()));
        }
        return builder.build();
    }
}
