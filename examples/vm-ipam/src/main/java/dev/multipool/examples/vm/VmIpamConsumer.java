package dev.multipool.examples.vm;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerDefinition;
import dev.multipool.api.IpamConsumer;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import java.util.List;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vm} consumer: addresses for virtual machines, owned by {@code <namespace>/<vm>}, from
 * pools of its own kind, {@code VirtualMachineIPPool} ({@code example.multipool.dev/v1alpha1}, the
 * shape of Cilium's CiliumPodIPPool). The host runs a manager of its own for it, so a VM pool and a
 * pod pool of the same name never mix; its section of the CiliumNode lives in the annotation
 * {@value #SECTION_ANNOTATION} (see {@link AnnotationPoolSection} for why).
 *
 * <p>Served at {@code /v1/consumers/vm/ipam}: a VM controller (or a CNI plugin of the VM's
 * network) asks for an address with {@code owner=<namespace>/<vm>}; without a pool the namespace
 * chooses one. Addresses of pools annotated {@code ipam.cilium.io/skip-masquerade: "true"} (for
 * bridged VMs reachable from outside) skip masquerading.
 */
@Extension
public final class VmIpamConsumer implements IpamConsumer {

    /** The consumer id. */
    public static final String ID = "vm";

    /** The pool kind. */
    public static final PoolKind POOL_KIND =
            new PoolKind("example.multipool.dev", "v1alpha1", "VirtualMachineIPPool", "virtualmachineippools");

    /** The CiliumNode annotation holding the consumer's section. */
    public static final String SECTION_ANNOTATION = "vm-ipam.example.multipool.dev/pools";

    private static final Logger LOG = LoggerFactory.getLogger(VmIpamConsumer.class);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "virtual machine addresses from VirtualMachineIPPools (annotation " + SECTION_ANNOTATION + ")";
    }

    @Override
    public List<OptionSpec> options() {
        return VmOptions.specs();
    }

    @Override
    public ConsumerDefinition define(ConsumerContext context) {
        VmOptions options = VmOptions.read(context.options());
        PoolCatalog pools = context.pools(POOL_KIND);
        LOG.info("vm consumer on node {}: default pool {}, namespace pools {}, pre-allocation {}", context.nodeName(),
                options.defaultPool(), options.namespacePools(), options.preAllocation());
        return ConsumerDefinition.builder(new AnnotationPoolSection(SECTION_ANNOTATION), POOL_KIND)
                .preAllocation(options.preAllocation())
                .poolSelector(new NamespacePoolSelector(options.namespacePools(), options.defaultPool()))
                .masqueradePolicy(pool -> pools.get(pool).map(PoolDefinition::skipMasqueradeAnnotated).orElse(false))
                .startupGate(new PoolsReadyGate(context, pools, options.preAllocation(), options.startTimeout()))
                .build();
    }
}
