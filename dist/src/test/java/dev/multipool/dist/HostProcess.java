package dev.multipool.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.host.testing.UnixSocketHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real host process, started from the unpacked distribution's {@code bin/multipool-host}
 * (which {@code exec}s the JVM, so the process is the JVM itself: {@link #kill()} is a SIGKILL of
 * the host, {@link #terminate} a SIGTERM). Its output goes to a log file.
 */
final class HostProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path socket;

    private HostProcess(Process process, Path log, Path socket) {
        this.process = process;
        this.log = log;
        this.socket = socket;
    }

    /** The distribution tree built by this module's {@code package} phase. */
    static Path distHome() {
        Path home = Path.of(System.getProperty("multipool.dist.home", "target/multipool")).toAbsolutePath();
        assertThat(home.resolve("bin/multipool-host")).as("the distribution tree (run the package phase first)")
                .isExecutable();
        return home;
    }

    /**
     * Starts {@code bin/multipool-host} with the arguments.
     *
     * @param log the file its output is appended to
     * @param socket the socket it was told to serve on (for {@link #http()})
     * @param args the command line
     */
    static HostProcess start(Path log, Path socket, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(distHome().resolve("bin/multipool-host").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return new HostProcess(builder.start(), log, socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code bin/multipool-host} to its end and returns its exit status; output goes to the log. */
    static int run(Path log, List<String> args, Duration timeout) throws InterruptedException {
        HostProcess process = start(log, log.resolveSibling("unused.sock"), args);
        if (!process.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.kill();
            throw new AssertionError("multipool-host " + args + " did not end within " + timeout);
        }
        return process.process.exitValue();
    }

    UnixSocketHttpClient http() {
        return new UnixSocketHttpClient(socket, Duration.ofSeconds(30));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until {@code /v1/healthz} answers 200.
     *
     * @param timeout how long to wait
     * @return the time it took from now
     */
    Duration awaitHealthy(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the host exited with status " + process.exitValue() + "; log:\n" + logTail());
            }
            try {
                if (Files.exists(socket) && http().get("/v1/healthz").status() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the host was not healthy within " + timeout + "; log:\n" + logTail());
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the host survived SIGKILL for 30 s");
        }
    }

    /**
     * SIGTERM, and waits for the exit.
     *
     * @return the exit status
     */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the host did not stop within " + timeout + " of SIGTERM; log:\n" + logTail());
        }
        return process.exitValue();
    }

    /** The last 60 lines of the log. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
