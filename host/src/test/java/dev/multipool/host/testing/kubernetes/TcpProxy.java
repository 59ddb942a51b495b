package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback TCP relay in front of a test server, to simulate network faults the server itself
 * cannot produce: {@link #dropConnections()} cuts every open connection (a watch drop, a request
 * torn mid-flight) and {@link #refuseConnections()} closes the listening port so new connections are
 * refused, as when the API server is down; {@link #acceptConnections()} listens again on the same
 * port.
 *
 * <p>One thread accepts; each relayed connection uses two daemon threads (one per direction).
 */
public final class TcpProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);

    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile ServerSocket listener;
    private volatile boolean closed;

    /**
     * Starts relaying from an ephemeral loopback port to the target.
     *
     * @param target where connections are relayed to
     */
    public TcpProxy(InetSocketAddress target) {
        this.target = requireNonNull(target, "target is null");
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    /**
     * Returns the loopback port clients connect to; it stays the same across refuse/accept.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns whether new connections are accepted now.
     *
     * @return true while listening
     */
    public boolean accepting() {
        return listener != null;
    }

    /** Cuts every open connection; new connections are still accepted. */
    public void dropConnections() {
        Set<Socket> cut = Set.copyOf(open);
        for (Socket socket : cut) {
            closeQuietly(socket);
        }
        open.removeAll(cut);
        log.info("proxy on port {} cut {} socket(s)", port, cut.size());
    }

    /** Stops listening (connects are refused) and cuts every open connection. */
    public synchronized void refuseConnections() {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            closeQuietly(current);
        }
        dropConnections();
    }

    /** Listens again on the same port after {@link #refuseConnections()}. */
    public synchronized void acceptConnections() {
        if (closed || listener != null) {
            return;
        }
        listener = bind(port);
        startAccepting(listener);
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
    }

    private void startAccepting(ServerSocket socket) {
        Thread acceptor = new Thread(() -> acceptLoop(socket), "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                relay(client);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("proxy on port {} stopped accepting", port, e);
                }
                return;
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 2_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream, "up");
        pump(upstream, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (SocketException ignored) {
                // the connection was cut (by a fault or by the peer)
            } catch (IOException e) {
                log.debug("relay {} on port {} ended", direction, port, e);
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-" + direction + "-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        refuseConnections();
    }
}
