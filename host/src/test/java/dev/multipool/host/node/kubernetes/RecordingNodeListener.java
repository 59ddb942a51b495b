package dev.multipool.host.node.kubernetes;

import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a node source delivers: each upserted version, and {@code null} for a delete. */
final class RecordingNodeListener implements NodeListener {

    private final List<Optional<ResourceDocument>> events = new CopyOnWriteArrayList<>();

    @Override
    public void nodeUpserted(ResourceDocument node) {
        events.add(Optional.of(node));
    }

    @Override
    public void nodeDeleted() {
        events.add(Optional.empty());
    }

    List<Optional<ResourceDocument>> events() {
        return List.copyOf(events);
    }

    /** Returns the last delivered version, if the last event was an upsert. */
    Optional<ResourceDocument> last() {
        List<Optional<ResourceDocument>> all = events();
        return all.isEmpty() ? Optional.empty() : all.get(all.size() - 1);
    }

    /** Returns the value at a path of the last upserted version. */
    Optional<Object> lastValue(String... path) {
        return last().flatMap(node -> node.get(path));
    }
}
