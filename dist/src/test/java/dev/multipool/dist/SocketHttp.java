package dev.multipool.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client over a unix domain socket (one request per connection), for tests
 * that talk to a host process: the JDK's {@code HttpClient} cannot use unix sockets.
 */
final class SocketHttp {

    private final Path socket;
    private final Duration timeout;

    SocketHttp(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** A response: status code and body text. */
    record Reply(int status, String body) {
    }

    Reply get(String target) throws IOException {
        return send("GET", target);
    }

    Reply post(String target) throws IOException {
        return send("POST", target);
    }

    Reply delete(String target) throws IOException {
        return send("DELETE", target);
    }

    /** Sends a request without a body and reads the response until the server closes. */
    Reply send(String method, String target) throws IOException {
        byte[] request = (method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(16384);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IOException("no complete response from " + socket + " within " + timeout);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int read = channel.read(in);
                if (read < 0) {
                    break;
                }
                received.write(in.array(), 0, in.position());
                in.clear();
            }
            return parse(received.toByteArray());
        }
    }

    private static Reply parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0 || !text.startsWith("HTTP/1.")) {
            throw new IOException("incomplete HTTP response (" + raw.length + " bytes)");
        }
        String head = text.substring(0, end);
        int status = Integer.parseInt(head.substring(9, 12));
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            body = dechunk(body);
        } else {
            int at = lower.indexOf("\r\ncontent-length:");
            if (at >= 0) {
                int lineEnd = lower.indexOf("\r\n", at + 2);
                int length = Integer.parseInt(lower.substring(at + 17, lineEnd < 0 ? lower.length() : lineEnd).trim());
                if (body.length < length) {
                    throw new IOException("truncated body: " + body.length + " of " + length + " bytes");
                }
                body = Arrays.copyOf(body, length);
            }
        }
        return new Reply(status, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int lineEnd = indexOfCrlf(chunked, position);
            if (lineEnd < 0) {
                throw new IOException("truncated chunked body");
            }
            String size = new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII).split(";")[0];
            int length = Integer.parseInt(size.trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            int start = lineEnd + 2;
            if (start + length > chunked.length) {
                throw new IOException("truncated chunk");
            }
            body.write(chunked, start, length);
            position = start + length + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
