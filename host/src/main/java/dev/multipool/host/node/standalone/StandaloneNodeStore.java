package dev.multipool.host.node.standalone;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.HostMode;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.json.Documents;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.node.NodeListener;
import dev.multipool.host.node.NodeSource;
import dev.multipool.host.node.NodeSourceException;
import dev.multipool.host.node.NodeSourceStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode's node resource: one CiliumNode document in a JSON file under the state
 * directory, with a resourceVersion that every write must match, like an API server. The host's
 * consumers and the embedded operator both write through {@link #replace}; every stored version
 * is delivered to every listener, in order, on one dispatcher thread. The document survives
 * restarts; it is created on first start.
 */
public final class StandaloneNodeStore implements NodeSource {

    private static final Logger log = LoggerFactory.getLogger(StandaloneNodeStore.class);
    private static final String FILE_NAME = "ciliumnode.json";

    private final Path file;
    private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatcher;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private ResourceDocument stored;

    /**
     * Opens the store, creating the node document when the directory holds none.
     *
     * @param directory where the document lives (created if missing)
     * @param nodeName the node's name
     * @throws NodeSourceException if the directory or file cannot be read or written, or the file
     *     holds another node or no valid document
     */
    public StandaloneNodeStore(Path directory, String nodeName) {
        requireNonNull(directory, "directory is null");
        requireNonNull(nodeName, "nodeName is null");
        this.file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            if (Files.exists(file)) {
                stored = Documents.fromJson(Files.readAllBytes(file));
                if (!stored.name().equals(nodeName)) {
                    throw new NodeSourceException("node store " + file + " holds node \"" + stored.name()
                            + "\", not \"" + nodeName + "\"", null);
                }
                if (stored.resourceVersion().isEmpty()) {
                    throw new NodeSourceException("node store " + file + " has no metadata.resourceVersion", null);
                }
            } else {
                stored = ResourceDocument.of(Map.of(
                        "apiVersion", "cilium.io/v2",
                        "kind", "CiliumNode",
                        "metadata", Map.of("name", nodeName, "resourceVersion", "1",
                                "labels", Map.of("kubernetes.io/hostname", nodeName)),
                        "spec", Map.of()));
                AtomicFile.write(file, Documents.toJson(stored));
                log.info("created standalone node document {}", file);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new NodeSourceException("cannot open node store " + file + ": " + e.getMessage(), e);
        }
        this.dispatcher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "standalone-node-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public HostMode mode() {
        return HostMode.STANDALONE;
    }

    @Override
    public void start(NodeListener listener) {
        subscribe(listener);
    }

    /**
     * Adds a listener; it receives the current version at once and every later one.
     *
     * @param listener the listener
     */
    public void subscribe(NodeListener listener) {
        requireNonNull(listener, "listener is null");
        synchronized (this) {
            listeners.add(listener);
            ResourceDocument current = stored;
            dispatcher.execute(() -> deliver(listener, current));
        }
    }

    @Override
    public synchronized Optional<ResourceDocument> current() {
        return Optional.of(stored);
    }

    @Override
    public synchronized ResourceDocument fetch() {
        return stored;
    }

    @Override
    public synchronized ResourceDocument replace(ResourceDocument desired) {
        requireNonNull(desired, "desired is null");
        String expected = stored.resourceVersion().orElseThrow();
        String given = desired.resourceVersion().orElse("");
        if (!expected.equals(given)) {
            conflicts.incrementAndGet();
            throw new NodeConflictException("Operation cannot be fulfilled on ciliumnodes \"" + stored.name()
                    + "\": the object has been modified (resourceVersion " + given + ", stored " + expected + ")", null);
        }
        if (!desired.name().equals(stored.name())) {
            throw new NodeSourceException("cannot rename node \"" + stored.name() + "\" to \"" + desired.name() + "\"", null);
        }
        String next = Long.toString(Long.parseLong(expected) + 1);
        ResourceDocument updated = desired.with(List.of("metadata", "resourceVersion"), next);
        try {
            AtomicFile.write(file, Documents.toJson(updated));
        } catch (IOException e) {
            throw new NodeSourceException("cannot write node store " + file + ": " + e, e);
        }
        stored = updated;
        writes.incrementAndGet();
        for (NodeListener listener : listeners) {
            dispatcher.execute(() -> deliver(listener, updated));
        }
        return updated;
    }

    private static void deliver(NodeListener listener, ResourceDocument node) {
        try {
            listener.nodeUpserted(node);
        } catch (RuntimeException e) {
            log.error("node listener {} failed", listener, e);
        }
    }

    @Override
    public NodeSourceStatus status() {
        return new NodeSourceStatus(HostMode.STANDALONE, "synced", Optional.empty(), writes.get(), conflicts.get(), 0);
    }

    @Override
    public void close() {
        dispatcher.shutdown();
        try {
            if (!dispatcher.awaitTermination(5, TimeUnit.SECONDS)) {
                dispatcher.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dispatcher.shutdownNow();
        }
    }
}
