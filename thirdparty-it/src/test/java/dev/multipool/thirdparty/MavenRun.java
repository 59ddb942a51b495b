package dev.multipool.thirdparty;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's Maven wrapper in a separate process, offline, on a local repository of the
 * test's own chained to the user's (read-only): the build neither installs into the shared
 * repository nor downloads anything (the surrounding build already resolved every plugin it uses).
 *
 * @param exitCode the wrapper's exit status
 * @param output everything it printed
 */
record MavenRun(int exitCode, String output) {

    private static final long TIMEOUT_MINUTES = 5;

    /**
     * Runs Maven.
     *
     * @param repository the local repository (created if missing)
     * @param log where the output is kept
     * @param arguments goals and options
     * @return the result
     */
    static MavenRun run(Path repository, Path log, List<String> arguments) {
        requireNonNull(arguments, "arguments is null");
        Path root = Path.of(System.getProperty("thirdparty.root")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-o",
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("thirdparty.userRepository")));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("Maven did not finish within " + TIMEOUT_MINUTES + " minutes: " + command);
            }
            return new MavenRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
