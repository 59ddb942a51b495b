package dev.multipool.bench.support;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One keep-alive HTTP/1.1 connection over a unix socket, blocking, for load generators: writes a
 * request, reads exactly one response (status line, headers, a {@code Content-Length} body) and
 * keeps the connection for the next request. Not thread-safe: one per client thread.
 */
public final class KeepAliveHttp implements AutoCloseable {

    private final Path socket;
    private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private SocketChannel channel;

    /** A response: its status and its body as text. */
    public record Response(int status, String body) {
    }

    /**
     * Creates a client; it connects on the first request (and again after the server closed).
     *
     * @param socket the server's unix socket
     */
    public KeepAliveHttp(Path socket) {
        this.socket = socket;
    }

    /**
     * Sends one request without a body and reads its response.
     *
     * @param method the method
     * @param target the path with its query, already encoded
     * @return the response
     * @throws IOException if the exchange fails
     */
    public Response send(String method, String target) throws IOException {
        if (channel == null) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in.clear().flip();
        }
        ByteBuffer request = ByteBuffer.wrap((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        try {
            while (request.hasRemaining()) {
                channel.write(request);
            }
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Response read() throws IOException {
        int headerEnd;
        while ((headerEnd = headerEnd()) < 0) {
            fill();
        }
        String head = new String(in.array(), in.position(), headerEnd - in.position(), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 ") || head.length() < 12) {
            throw new IOException("not an HTTP/1.1 response: " + head);
        }
        int status = Integer.parseInt(head.substring(9, 12));
        int length = contentLength(head);
        boolean close = head.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close");
        in.position(headerEnd + 4);
        while (in.remaining() < length) {
            fill();
        }
        String body = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        if (close) {
            close();
        }
        return new Response(status, body);
    }

    private int headerEnd() {
        byte[] bytes = in.array();
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void fill() throws IOException {
        in.compact();
        if (!in.hasRemaining()) {
            in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
        }
        int read = channel.read(in);
        in.flip();
        if (read < 0) {
            throw new EOFException("the server closed the connection");
        }
    }

    private static int contentLength(String head) throws IOException {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        if (head.contains(" 204 ") || head.contains(" 304 ")) {
            return 0;
        }
        throw new IOException("no Content-Length in response: " + head);
    }

    /**
     * Returns the status of one GET on a new connection, or -1 when nothing answers (yet).
     *
     * @param socket the socket
     * @param target the path
     * @return the status or -1
     */
    public static int status(Path socket, String target) {
        try (KeepAliveHttp http = new KeepAliveHttp(socket)) {
            return http.send("GET", target).status();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do: the connection is gone either way
            }
            channel = null;
        }
    }
}
