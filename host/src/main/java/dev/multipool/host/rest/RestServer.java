package dev.multipool.host.rest;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.consumer.ConsumerDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's REST API (ARCHITECTURE.md 5.2): Jetty 12 core handlers on a unix domain socket.
 *
 * <p>{@link #start()} creates the socket's parent directories, removes a socket file left by a
 * killed process (only when nothing answers on it; a live listener is an error naming the path),
 * binds, and gives the socket mode 0660. {@link #close()} stops accepting, lets requests in flight
 * finish (up to {@value #STOP_TIMEOUT_MILLIS} ms) and removes the socket file. Request lines and
 * header blocks above {@value #MAX_REQUEST_HEADER_BYTES} bytes get Jetty's 414 / 431.
 */
public final class RestServer implements AutoCloseable {

    /** Largest request line plus header block accepted, in bytes. */
    public static final int MAX_REQUEST_HEADER_BYTES = 8192;

    /** How long {@link #close()} waits for requests in flight. */
    public static final long STOP_TIMEOUT_MILLIS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    /**
     * Requests block while the journal makes their change durable, and the journal forces once for
     * every request waiting at that moment (group commit), so the threads that can wait bound the
     * appends per force: with 8 threads a force carried about 3 appends whatever the number of
     * clients, and 32 clients got less than half the durable throughput they get with 40
     * (docs/benchmarks.md, "REST API"). Threads beyond the minimum end after a minute idle.
     */
    private static final int MAX_THREADS = 40;
    private static final int MIN_THREADS = 2;
    private static final int IDLE_THREAD_MILLIS = 60_000;
    private static final long CONNECTION_IDLE_MILLIS = 30_000;

    private final Path socketPath;
    private final ConsumerDirectory directory;
    private final RequestObserver observer;
    private Server server;
    private boolean bound;

    /**
     * Creates the server; nothing is bound until {@link #start()}.
     *
     * @param socketPath where to listen ({@code --socket-path}), at most 107 bytes
     * @param directory the consumers and status documents to serve
     * @param observer sees every request, for metrics; {@link RequestObserver#noop()} for none
     */
    public RestServer(Path socketPath, ConsumerDirectory directory, RequestObserver observer) {
        this.socketPath = requireNonNull(socketPath, "socketPath is null").toAbsolutePath().normalize();
        this.directory = requireNonNull(directory, "directory is null");
        this.observer = requireNonNull(observer, "observer is null");
    }

    /**
     * Binds the socket and starts serving.
     *
     * @throws IOException naming the path when it cannot be bound: too long, not a socket, in use
     *     by a live process, or not writable
     * @throws IllegalStateException if already started
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("REST server on " + socketPath + " is already started");
        }
        SocketFile.prepare(socketPath);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, IDLE_THREAD_MILLIS);
        threads.setName("multipool-rest");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // "%25" in a path: decode it, so "fe80::1%25eth0" gets the API's own "invalid IP address" 400
        http.setUriCompliance(UriCompliance.DEFAULT.with("multipool", UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        UnixDomainServerConnector connector = new UnixDomainServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setUnixDomainPath(socketPath);
        connector.setIdleTimeout(CONNECTION_IDLE_MILLIS);
        jetty.addConnector(connector);
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setHandler(new GracefulHandler(new RestHandler(directory, observer)));
        jetty.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server = jetty;
        try {
            jetty.start();
            bound = true;
            SocketFile.restrict(socketPath);
        } catch (Exception e) {
            close();
            throw new IOException("cannot serve the REST API on " + socketPath + ": " + e.getMessage(), e);
        }
        LOG.info("REST API listening on {}", socketPath);
    }

    /**
     * Returns the socket path.
     *
     * @return the absolute path
     */
    public Path socketPath() {
        return socketPath;
    }

    /**
     * Returns whether the server is serving.
     *
     * @return true between a successful {@link #start()} and {@link #close()}
     */
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /** Stops serving and removes the socket file this server bound. Does nothing when not started. */
    @Override
    public synchronized void close() {
        Server jetty = server;
        if (jetty == null) {
            return;
        }
        server = null;
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the REST API on {} failed: {}", socketPath, e.toString());
        }
        if (bound) {
            bound = false;
            try {
                if (SocketFile.isSocket(socketPath)) {
                    Files.deleteIfExists(socketPath);
                }
            } catch (IOException e) {
                LOG.warn("cannot remove socket file {}: {}", socketPath, e.toString());
            }
        }
    }
}
