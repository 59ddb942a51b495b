package dev.multipool.bench.rest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The REST benchmark's baseline: a Jetty core handler answering every request with a constant
 * response, on a unix socket set up like the host's {@code RestServer} (same thread pool size, one
 * acceptor and one selector, same HTTP configuration, the same graceful wrapper). {@code POST}
 * gets a 201 with an IPAMResponse-shaped body of the host's size, anything else a 200 with no
 * body, so a client does exactly what it does against the host.
 */
final class ConstantServer implements AutoCloseable {

    /** An allocation reply of the size and shape the host sends (241 bytes plus the newline). */
    static final String ALLOCATION_BODY = "{\"address\":{\"ipv4\":\"10.64.0.109\",\"ipv4-pool-name\":\"default\"},"
            + "\"ipv4\":{\"ip\":\"10.64.0.109\",\"cidrs\":[\"10.64.0.0/22\"],\"skip-masquerade\":false},"
            + "\"host-addressing\":{\"ipv4\":{\"enabled\":true,\"alloc-range\":\"10.64.0.0/22\"},"
            + "\"ipv6\":{\"enabled\":false}}}\n";

    private final Server server;

    private ConstantServer(Server server) {
        this.server = server;
    }

    /**
     * Starts the server.
     *
     * @param socket where to listen (replaced if it exists)
     * @return the running server
     * @throws Exception if Jetty cannot start
     */
    static ConstantServer start(Path socket) throws Exception {
        Files.deleteIfExists(socket);
        QueuedThreadPool threads = new QueuedThreadPool(40, 2, 60_000);
        threads.setName("constant-rest");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(8192);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        UnixDomainServerConnector connector = new UnixDomainServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setUnixDomainPath(socket);
        connector.setIdleTimeout(30_000);
        jetty.addConnector(connector);
        jetty.setHandler(new GracefulHandler(new Constant()));
        jetty.start();
        return new ConstantServer(jetty);
    }

    private static final class Constant extends Handler.Abstract {

        private static final byte[] BODY = ALLOCATION_BODY.getBytes(StandardCharsets.UTF_8);

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (request.getMethod().equals("POST")) {
                response.setStatus(201);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) BODY.length);
                response.write(true, ByteBuffer.wrap(BODY), callback);
            } else {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                response.write(true, null, callback);
            }
            return true;
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
