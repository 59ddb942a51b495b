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
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@link RestServer} on a socket in a short temporary directory, backed by a
 * {@link RecordingDirectory} with three consumers: {@code pod} (the default, IPv4 only),
 * {@code dra} (dual-stack) and {@code late} (known but not serving yet). Register it with
 * {@code @RegisterExtension}: the server starts before each test and is closed, with its
 * directory, after it.
 */
final class RestFixture implements BeforeEachCallback, AfterEachCallback {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    final RecordingDirectory directory = new RecordingDirectory();
    final RecordingIpamService pod = new RecordingIpamService("pod", Set.of(Family.IPV4));
    final RecordingIpamService dra = new RecordingIpamService("dra", Set.of(Family.IPV4, Family.IPV6));
    private final List<String> observed = new ArrayList<>();
    private Path dir;
    Path socket;
    UnixSocketHttpClient client;
    private RestServer server;

    RestFixture() {
        directory.add(pod);
        directory.add(dra);
        directory.addUnavailable("late", "starting (waiting for gate cidrs-present)");
        directory.defaultConsumer("pod");
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "mprest");
        socket = dir.resolve("run/multipool.sock");
        server = new RestServer(socket, directory, (method, route, status, nanos) -> {
            synchronized (observed) {
                observed.add(method + " " + route + " " + status);
            }
        });
        client = new UnixSocketHttpClient(socket);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** Parses a reply body as JSON. */
    static JsonNode json(HttpReply reply) {
        return json(reply.bodyText());
    }

    /** Parses JSON text, for expected documents. */
    static JsonNode json(String text) {
        return MAPPER.readTree(text);
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

    static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
