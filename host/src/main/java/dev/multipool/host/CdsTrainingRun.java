package dev.multipool.host;

import dev.multipool.host.config.HostEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The training run of {@code bin/multipool-cds}: starts the host as {@code bin/multipool-host} would
 * (standalone mode, the distribution's {@code conf/pools.yaml} and every plugin of {@code plugins/}),
 * on a temporary state directory and socket, waits until {@code /v1/healthz} answers 200, sends one
 * allocation and its release, reads the status documents, and stops the host. The JVM running it
 * with {@code -XX:ArchiveClassesAtExit} then archives every class a start loads, so later starts
 * map them instead of loading, verifying and linking them again. Exit status 0 when every step
 * worked, 1 otherwise (the script then keeps no archive).
 */
public final class CdsTrainingRun {

    private static final long HEALTHY_WITHIN_NANOS = TimeUnit.MINUTES.toNanos(2);

    private CdsTrainingRun() {
    }

    /**
     * Runs the training start.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        int status;
        try {
            train(Path.of(System.getProperty(HostEnvironment.HOME_PROPERTY, ".")).toAbsolutePath());
            status = 0;
        } catch (Exception e) {
            System.err.println("multipool-cds: the training start failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    private static void train(Path home) throws Exception {
        Path work = Files.createTempDirectory("multipool-cds-");
        try {
            Path socket = work.resolve("api.sock");
            List<String> flags = List.of("--standalone", "--standalone-pools", home.resolve("conf/pools.yaml").toString(),
                    "--state-dir", work.resolve("state").toString(), "--socket-path", socket.toString(),
                    "--plugins-dir", home.resolve("plugins").toString(), "--k8s-node-name", "cds-training");
            HostEnvironment environment = HostEnvironment.fixed(Map.of(),
                    Map.of(HostEnvironment.HOME_PROPERTY, home.toString()), "cds-training", work);
            HostLauncher.Outcome outcome = HostLauncher.launch(flags, environment);
            try (RunningHost host = ((HostLauncher.Started) outcome).host()) {
                long deadline = System.nanoTime() + HEALTHY_WITHIN_NANOS;
                while (status(socket, "GET", "/v1/healthz") != 200) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the host did not become healthy within 2 minutes");
                    }
                    Thread.sleep(20);
                }
                String reply = exchange(socket, "POST", "/v1/ipam?owner=cds/training");
                int at = reply.indexOf("\"ip\":\"");
                if (!reply.startsWith("HTTP/1.1 201") || at < 0) {
                    throw new IllegalStateException("the training allocation failed: " + reply);
                }
                String address = reply.substring(at + 6, reply.indexOf('"', at + 6));
                status(socket, "DELETE", "/v1/ipam/" + address + "?pool=default");
                status(socket, "GET", "/v1/consumers");
                status(socket, "GET", "/v1/consumers/pod");
            }
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static int status(Path socket, String method, String target) {
        try {
            String reply = exchange(socket, method, target);
            return reply.length() >= 12 ? Integer.parseInt(reply.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** One HTTP/1.1 request on a new connection; returns the whole response as text. */
    private static String exchange(Path socket, String method, String target) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try (InputStream in = Channels.newInputStream(channel)) {
                in.transferTo(received);
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
