package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolSection;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.json.Documents;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.node.NodeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The node document of the host under test: standalone mode's CiliumNode, kept as JSON in
 * {@code <state-dir>/standalone/ciliumnode.json}.
 *
 * <p>{@link #read()} returns what is stored (the host writes the file atomically on every change,
 * so a read never sees half a document). {@link #edit} changes it the way an operator or an admin
 * with {@code kubectl edit} would: read, change, write back with the resourceVersion read, and
 * start again on a conflict with the host's own writers. The host sees an edit like any other node
 * event. Thread-safe.
 */
public final class NodeDocument {

    private static final int MAX_EDIT_ATTEMPTS = 20;
    private static final Duration POLL = Duration.ofMillis(20);

    private final Path file;
    private final Supplier<Optional<NodeSource>> running;

    NodeDocument(Path file, Supplier<Optional<NodeSource>> running) {
        this.file = requireNonNull(file, "file is null");
        this.running = requireNonNull(running, "running is null");
    }

    /**
     * Returns the file the document lives in.
     *
     * @return {@code <state-dir>/standalone/ciliumnode.json}
     */
    public Path file() {
        return file;
    }

    /**
     * Reads the stored document.
     *
     * @return the document
     * @throws UncheckedIOException if the file cannot be read (for example before the first start)
     */
    public ResourceDocument read() {
        try {
            return Documents.fromJson(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node document " + file, e);
        }
    }

    /**
     * Reads one consumer's section of the stored document.
     *
     * @param accessor where the section lives, for example
     *     {@code PoolSectionAccessor.atPath("spec", "ipam", "pools")}
     * @return the section, {@link PoolSection#EMPTY} when absent
     */
    public PoolSection section(PoolSectionAccessor accessor) {
        return requireNonNull(accessor, "accessor is null").read(read());
    }

    /**
     * Waits until the stored document satisfies a condition, for example until a consumer's
     * section requests addresses or lists a delegated CIDR.
     *
     * @param condition the condition
     * @param timeout how long to wait
     * @return the first stored document that satisfied it
     * @throws AssertionError with the last document seen when the time is up
     */
    public ResourceDocument await(Predicate<ResourceDocument> condition, Duration timeout) {
        requireNonNull(condition, "condition is null");
        long deadline = System.nanoTime() + requireNonNull(timeout, "timeout is null").toNanos();
        ResourceDocument last = null;
        while (true) {
            if (Files.exists(file)) {
                last = read();
                if (condition.test(last)) {
                    return last;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("the node document did not reach the expected state within " + timeout
                        + "; last stored version: " + last);
            }
            Pause.sleep(POLL);
        }
    }

    /**
     * Changes the document like an operator: read, apply the change, write back carrying the
     * resourceVersion read; on a conflict with the host's own writers, read again and reapply.
     * While the host runs the write goes through its node store, so its consumers see the change
     * at once; while it is stopped (between {@link TestHost#stop()} and {@link TestHost#start()})
     * the file is replaced and the host reads it when it starts.
     *
     * @param change computes the new document from the current one; it may run more than once and
     *     must not change {@code metadata.name}
     * @return the stored document
     * @throws IllegalStateException if the host kept winning the race for 20 attempts
     */
    public ResourceDocument edit(UnaryOperator<ResourceDocument> change) {
        requireNonNull(change, "change is null");
        Optional<NodeSource> source = running.get();
        if (source.isEmpty()) {
            return editFile(change);
        }
        NodeConflictException last = null;
        for (int attempt = 0; attempt < MAX_EDIT_ATTEMPTS; attempt++) {
            ResourceDocument current = source.get().fetch();
            try {
                return source.get().replace(requireNonNull(change.apply(current), "the change returned null"));
            } catch (NodeConflictException e) {
                last = e;
            }
        }
        throw new IllegalStateException("cannot edit the node document: " + MAX_EDIT_ATTEMPTS + " conflicts in a row", last);
    }

    private ResourceDocument editFile(UnaryOperator<ResourceDocument> change) {
        ResourceDocument current = read();
        ResourceDocument changed = requireNonNull(change.apply(current), "the change returned null");
        long version = Long.parseLong(current.resourceVersion().orElse("0"));
        ResourceDocument stored = changed.with(List.of("metadata", "resourceVersion"), Long.toString(version + 1));
        Path temp = file.resolveSibling(file.getFileName() + ".edit");
        try {
            Files.write(temp, Documents.toJson(stored));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the node document " + file, e);
        }
        return stored;
    }
}
