package dev.multipool.host.sync;

/** What a {@link NodeWriter} reports, for metrics and status. Methods must not block. */
public interface WriterObserver {

    /** An observer that ignores everything. */
    WriterObserver NONE = new WriterObserver() { };

    /** The section was written. */
    default void written() {
    }

    /** The section was already what the consumer computed; nothing was written. */
    default void unchanged() {
    }

    /** A write was refused because the node changed meanwhile; it is retried from the fresh node. */
    default void conflict() {
    }

    /**
     * A write failed for another reason; it is retried with backoff.
     *
     * @param error the failure
     */
    default void failed(RuntimeException error) {
    }
}
