package dev.multipool.host.consumer;

import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers the node source's events to every consumer runtime. */
public final class NodeFanout implements NodeListener {

    private static final Logger log = LoggerFactory.getLogger(NodeFanout.class);

    private final List<ConsumerRuntime> runtimes = new CopyOnWriteArrayList<>();

    /**
     * Adds a runtime; it receives later events.
     *
     * @param runtime the runtime
     */
    public void add(ConsumerRuntime runtime) {
        runtimes.add(runtime);
    }

    @Override
    public void nodeUpserted(ResourceDocument node) {
        for (ConsumerRuntime runtime : runtimes) {
            runtime.nodeUpserted(node);
        }
    }

    @Override
    public void nodeDeleted() {
        log.warn("the node resource was deleted; consumers go on with the last copy they saw (spec M53)");
    }
}
