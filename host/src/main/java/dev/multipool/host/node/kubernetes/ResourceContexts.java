package dev.multipool.host.node.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolKind;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The fabric8 {@link ResourceDefinitionContext}s of the kinds the host reads and writes. The host
 * always passes one, so it never depends on API discovery (which fabric8's mock lacks and which
 * costs a request on a real server).
 */
public final class ResourceContexts {

    /** {@code cilium.io/v2 CiliumNode}, cluster-scoped. */
    public static final ResourceDefinitionContext CILIUM_NODE = new ResourceDefinitionContext.Builder()
            .withGroup("cilium.io").withVersion("v2").withKind("CiliumNode").withPlural("ciliumnodes")
            .withNamespaced(false).build();

    private ResourceContexts() {
    }

    /**
     * Returns the context of a cluster-scoped pool kind.
     *
     * @param kind the kind
     * @return the context
     */
    public static ResourceDefinitionContext of(PoolKind kind) {
        requireNonNull(kind, "kind is null");
        return new ResourceDefinitionContext.Builder()
                .withGroup(kind.group()).withVersion(kind.version()).withKind(kind.kind()).withPlural(kind.plural())
                .withNamespaced(false).build();
    }
}
