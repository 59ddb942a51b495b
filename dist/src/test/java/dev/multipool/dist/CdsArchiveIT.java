package dev.multipool.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.host.testing.UnixSocketHttpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/multipool-cds} on a copy of the distribution: it writes an archive that the launcher's
 * JVM maps (a start with {@code -Xshare:on} fails when it cannot), the host serves with it, and an
 * archive gone stale (a jar of {@code lib/} changed) is ignored with a warning, never used.
 */
class CdsArchiveIT {

    private static final String LAUNCHER_OPTS = "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @TempDir
    Path work;

    @Test
    void archiveIsWrittenMappedByTheLauncherAndIgnoredOnceStale() throws Exception {
        Path home = copyOfDistribution();
        Path archive = home.resolve("lib/multipool.jsa");

        Process cds = process(home, "bin/multipool-cds", List.of(), Map.of(), work.resolve("cds.log"));
        assertThat(cds.waitFor(3, TimeUnit.MINUTES)).as("multipool-cds ends").isTrue();
        assertThat(cds.exitValue()).as(Files.readString(work.resolve("cds.log"))).isZero();
        assertThat(archive).isRegularFile();
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertThat(lib.filter(path -> path.getFileName().toString().contains(".tmp."))).as("no temporary file left")
                    .isEmpty();
        }

        Path mapped = work.resolve("mapped.log");
        startServeAndStop(home, Map.of("JAVA_OPTS", LAUNCHER_OPTS + " -Xshare:on"), mapped);

        Path jar;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jar = lib.filter(path -> path.getFileName().toString().startsWith("pf4j-")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Path stale = work.resolve("stale.log");
        startServeAndStop(home, Map.of(), stale);
        assertThat(Files.readString(stale)).contains("Unable to use shared archive");
    }

    private void startServeAndStop(Path home, Map<String, String> env, Path log) throws Exception {
        Path socket = work.resolve("api-" + log.getFileName() + ".sock");
        List<String> args = List.of("--standalone", "--standalone-pools", home.resolve("conf/pools.yaml").toString(),
                "--state-dir", work.resolve("state-" + log.getFileName()).toString(), "--socket-path", socket.toString(),
                "--k8s-node-name", "cds-node");
        Process host = process(home, "bin/multipool-host", args, env, log);
        try {
            UnixSocketHttpClient http = new UnixSocketHttpClient(socket, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int status = -1;
            while (status != 200 && System.nanoTime() < deadline) {
                assertThat(host.isAlive()).as("the host runs; log:\n%s", Files.readString(log)).isTrue();
                try {
                    status = Files.exists(socket) ? http.get("/v1/healthz").status() : -1;
                } catch (IOException e) {
                    status = -1;
                }
                Thread.sleep(20);
            }
            assertThat(status).as("healthz; log:\n%s", Files.readString(log)).isEqualTo(200);
            assertThat(http.post("/v1/ipam?owner=default/cds-pod").status()).isEqualTo(201);
        } finally {
            host.destroy();
            assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Process process(Path home, String script, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(home.resolve(script).toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MULTIPOOL_CDS_ARCHIVE");
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The unpacked distribution copied into the test's directory, so that its lib/ can be changed. */
    private Path copyOfDistribution() throws IOException {
        Path source = HostProcess.distHome();
        Path target = work.resolve("multipool");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else if (!path.getFileName().toString().endsWith(".jsa")) {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }
}
