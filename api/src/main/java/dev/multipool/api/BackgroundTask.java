package dev.multipool.api;

/**
 * Work a consumer runs beside its manager (informers, a claim controller). The host starts tasks
 * after the consumer's allocations are restored and before its gates run, with the plugin's class
 * loader as the thread context class loader, and closes them in reverse order at shutdown or when
 * the consumer fails.
 */
public interface BackgroundTask extends AutoCloseable {

    /**
     * Returns the task's name for logs and status.
     *
     * @return a short name
     */
    String name();

    /**
     * Starts the task. Must return promptly: start threads or watches, then return.
     *
     * @throws Exception if the task cannot start; the consumer then fails with this cause
     */
    void start() throws Exception;

    /** Stops the task and releases what it holds. Must not throw. */
    @Override
    void close();
}
