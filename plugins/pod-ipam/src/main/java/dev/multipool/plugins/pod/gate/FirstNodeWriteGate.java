package dev.multipool.plugins.pod.gate;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.GateStatus;
import dev.multipool.api.StartupGate;

/**
 * Start-up gate {@value #NAME} (spec P5): open once the consumer's section has been written to (or
 * found equal in) the node resource, so pods are served only after the node shows this host's
 * first view of {@code requested} and {@code allocated}. Like Cilium's baseline it has no deadline.
 */
public final class FirstNodeWriteGate implements StartupGate {

    /** The gate's name in logs and {@code /v1/healthz}. */
    public static final String NAME = "first-node-write";

    private final ConsumerContext context;

    /**
     * Creates the gate.
     *
     * @param context the consumer's context; its manager is used from the first check on
     */
    public FirstNodeWriteGate(ConsumerContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GateStatus check() {
        if (context.ipam().firstSyncDone()) {
            return GateStatus.open();
        }
        return GateStatus.waiting("waiting for the first write of spec.ipam.pools to CiliumNode '"
                + context.nodeName() + "'");
    }
}
