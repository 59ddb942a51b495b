package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolSection;
import java.util.function.UnaryOperator;

/**
 * The node resource as a test holds it: the operator edits its {@code allocated} list, the
 * manager's sync result is written to it, and every change is delivered back to the manager the
 * way the node informer would.
 */
final class NodeHarness {

    private final MultiPoolManager manager;
    private PoolSection node;

    NodeHarness(MultiPoolManager manager, PoolSection initial) {
        this.manager = requireNonNull(manager, "manager is null");
        this.node = requireNonNull(initial, "initial is null");
        manager.upsertNode(node);
    }

    /** One sync pass: the computed section is written to the node and echoed back. */
    PoolSection sync() {
        node = manager.computeSync().orElseThrow();
        manager.upsertNode(node);
        return node;
    }

    /** The operator changes the node. */
    void operator(UnaryOperator<PoolSection> change) {
        node = change.apply(node);
        manager.upsertNode(node);
    }

    PoolSection node() {
        return node;
    }
}
