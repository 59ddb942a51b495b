package dev.multipool.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real host as a separate process, started through the distribution's launcher
 * ({@code bin/multipool-host}) with the JVM running the benchmark as {@code JAVA_HOME}, its output
 * appended to a log file.
 */
public final class HostProcess implements AutoCloseable {

    private final Process process;
    private final Path socket;
    private final Path log;
    private final long startNanos;
    private final long startEpochMillis;

    private HostProcess(Process process, Path socket, Path log, long startNanos, long startEpochMillis) {
        this.process = process;
        this.socket = socket;
        this.log = log;
        this.startNanos = startNanos;
        this.startEpochMillis = startEpochMillis;
    }

    /**
     * Starts the launcher.
     *
     * @param home the unpacked distribution
     * @param socket the {@code --socket-path} (the caller passes it in {@code args} too)
     * @param log the file receiving stdout and stderr
     * @param args the host's flags
     * @param env extra environment variables (for example {@code JAVA_OPTS})
     * @return the started process
     * @throws IOException if it cannot be started
     */
    public static HostProcess start(Path home, Path socket, Path log, List<String> args, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/multipool-host").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long epoch = System.currentTimeMillis();
        long nanos = System.nanoTime();
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // no host outlives the benchmark
        return new HostProcess(process, socket, log, nanos, epoch);
    }

    /**
     * Polls {@code /v1/healthz} every 2 ms until it answers 200.
     *
     * @return milliseconds from the exec to the first 200
     * @throws InterruptedException if interrupted
     * @throws IllegalStateException if the process exits or takes over 2 minutes
     */
    public double awaitHealthy() throws InterruptedException {
        long deadline = startNanos + TimeUnit.MINUTES.toNanos(2);
        while (KeepAliveHttp.status(socket, "/v1/healthz") != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the host did not become healthy; see " + log);
            }
            Thread.sleep(2);
        }
        return (System.nanoTime() - startNanos) / 1e6;
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** The host's REST socket. */
    public Path socket() {
        return socket;
    }

    public Path log() {
        return log;
    }

    /** The wall-clock time of the exec, to compare with the log's timestamps. */
    public long startEpochMillis() {
        return startEpochMillis;
    }

    /** Stops the host with SIGTERM and waits (SIGKILL after 20 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Ends the host with SIGKILL. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
