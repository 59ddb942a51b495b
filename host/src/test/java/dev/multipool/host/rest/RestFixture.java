package dev.multipool.host.rest;

import dev.multipool.api.Family;
import dev.multipool.host.testing.UnixSocketHttpClient;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@link RestServer} on a socket in a short temporary directory, backed by a
 * {@link RecordingDirectory} with three consumers: {@code pod} (the default, IPv4 only),
 * {@code dra} (dual-stack) and {@code late} (known but not serving yet).
 */
final class RestFixture implements AutoCloseable {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    final Path dir;
    final Path socket;
    final RecordingDirectory directory = new RecordingDirectory();
    final RecordingIpamService pod = new RecordingIpamService("pod", Set.of(Family.IPV4));
    final RecordingIpamService dra = new RecordingIpamService("dra", Set.of(Family.IPV4, Family.IPV6));
    final List<String> observed = new ArrayList<>();
    final RestServer server;
    final UnixSocketHttpClient client;

    private RestFixture() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "mprest");
        socket = dir.resolve("run/multipool.sock");
        directory.add(pod);
        directory.add(dra);
        directory.addUnavailable("late", "starting (waiting for gate cidrs-present)");
        directory.defaultConsumer("pod");
        server = new RestServer(socket, directory, (method, route, status, nanos) -> {
            synchronized (observed) {
                observed.add(method + " " + route + " " + status);
            }
        });
        client = new UnixSocketHttpClient(socket);
    }

    /** Starts a fixture. */
    static RestFixture start() throws IOException {
        RestFixture fixture = new RestFixture();
        try {
            fixture.server.start();
        } catch (IOException | RuntimeException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    /** Parses a reply body as JSON. */
    static JsonNode json(HttpReply reply) {
        return MAPPER.readTree(reply.bodyText());
    }

    /** Returns the observed requests so far as {@code METHOD route status}. */
    List<String> observed() {
        synchronized (observed) {
            return List.copyOf(observed);
        }
    }

    /** Asserts nothing reached the host: no consumer lookup and no service call. */
    boolean nothingReachedTheHost() {
        return directory.lookups().isEmpty() && pod.calls().isEmpty() && dra.calls().isEmpty();
    }

    @Override
    public void close() throws IOException {
        server.close();
        deleteTree(dir);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
