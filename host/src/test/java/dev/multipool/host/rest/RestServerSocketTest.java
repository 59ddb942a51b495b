package dev.multipool.host.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Family;
import dev.multipool.host.testing.UnixSocketHttpClient;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The socket file's life: mode 0660, stale files, live listeners, removal on stop, graceful stop. */
class RestServerSocketTest {

    private Path dir;
    private RecordingDirectory directory;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "mprest");
        directory = new RecordingDirectory();
        directory.add(new RecordingIpamService("pod", Set.of(Family.IPV4)));
        directory.defaultConsumer("pod");
    }

    @AfterEach
    void tearDown() throws IOException {
        RestFixture.deleteTree(dir);
    }

    private RestServer server(Path socket) {
        return new RestServer(socket, directory, RequestObserver.noop());
    }

    private static int healthStatus(Path socket) throws IOException {
        return new UnixSocketHttpClient(socket).get("/v1/healthz").status();
    }

    private static boolean accepting(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @DisplayName("start creates the parent directories and a socket with mode 0660; close removes it")
    void socketModeAndRemoval() throws Exception {
        Path socket = dir.resolve("a/b/multipool.sock");
        RestServer server = server(socket);
        server.start();

        assertThat(server.isRunning()).isTrue();
        assertThat(SocketFile.isSocket(socket)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
        assertThat(healthStatus(socket)).isEqualTo(200);

        server.close();
        server.close();
        assertThat(server.isRunning()).isFalse();
        assertThat(Files.exists(socket)).isFalse();
    }

    @Test
    @DisplayName("a socket file left by a killed process (nobody listening) is removed and the server starts")
    void staleSocketIsReplaced() throws Exception {
        Path socket = dir.resolve("multipool.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(SocketFile.isSocket(socket)).isTrue();

        try (RestServer server = server(socket)) {
            server.start();
            assertThat(healthStatus(socket)).isEqualTo(200);
        }
        assertThat(Files.exists(socket)).isFalse();
    }

    @Test
    @DisplayName("a second server on a path a live server holds fails naming the path; the first keeps serving")
    void liveServerIsNotDisturbed() throws Exception {
        Path socket = dir.resolve("multipool.sock");
        try (RestServer first = server(socket)) {
            first.start();
            RestServer second = server(socket);

            assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                    .hasMessageContaining(socket.toString()).hasMessageContaining("in use");
            second.close();

            assertThat(SocketFile.isSocket(socket)).isTrue();
            assertThat(healthStatus(socket)).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("a live listener of another program is not removed either")
    void foreignListenerIsNotDisturbed() throws Exception {
        Path socket = dir.resolve("other.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket));

            assertThatThrownBy(() -> server(socket).start()).isInstanceOf(IOException.class)
                    .hasMessageContaining(socket.toString());
            assertThat(SocketFile.isSocket(socket)).isTrue();
        }
    }

    @Test
    @DisplayName("a regular file at the socket path is refused and left alone")
    void regularFileIsRefused() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "keep me");

        assertThatThrownBy(() -> server(file).start()).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a socket");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    @DisplayName("a path longer than 107 bytes is refused with its length")
    void pathTooLong() {
        Path socket = dir.resolve("x".repeat(110) + ".sock");

        assertThatThrownBy(() -> server(socket).start()).isInstanceOf(IOException.class)
                .hasMessageContaining(socket.toString()).hasMessageContaining("at most 107");
    }

    @Test
    @DisplayName("start twice is an error")
    void startTwice() throws Exception {
        try (RestServer server = server(dir.resolve("s.sock"))) {
            server.start();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("close stops accepting at once, lets a request in flight finish and answer, then removes the socket")
    void gracefulStop() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        RecordingIpamService slow = new RecordingIpamService("slow", Set.of(Family.IPV4));
        slow.beforeEachCall(() -> {
            entered.countDown();
            try {
                proceed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        directory.add(slow);
        Path socket = dir.resolve("s.sock");
        RestServer server = server(socket);
        server.start();
        CompletableFuture<HttpReply> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return new UnixSocketHttpClient(socket).post("/v1/consumers/slow/ipam");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        await().atMost(Duration.ofSeconds(4)).until(() -> !accepting(socket));
        assertThat(closing).isNotDone();
        proceed.countDown();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        closing.get(10, TimeUnit.SECONDS);
        assertThat(Files.exists(socket)).isFalse();
    }
}
