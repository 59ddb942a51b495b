package dev.multipool.plugins.pod;

import org.pf4j.Plugin;

/**
 * The pod-ipam plugin: one {@link PodIpamConsumer} extension that hands out pod addresses from
 * Cilium's CiliumPodIPPools through {@code spec.ipam.pools} of the node's CiliumNode.
 */
public final class PodIpamPlugin extends Plugin {

    @Override
    public void start() {
        log.info("pod-ipam plugin started");
    }

    @Override
    public void stop() {
        log.info("pod-ipam plugin stopped");
    }
}
