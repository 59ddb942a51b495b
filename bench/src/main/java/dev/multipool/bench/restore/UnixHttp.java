package dev.multipool.bench.restore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The smallest HTTP/1.1 exchange over a unix socket the benchmark needs: one request per
 * connection, the whole response read until the server closes.
 */
final class UnixHttp {

    private UnixHttp() {
    }

    /** A response as raw text: the status code and everything after the headers. */
    record Reply(int status, String body) {
    }

    static Reply send(Path socket, String method, String target) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = Channels.newInputStream(channel);
            in.transferTo(received);
            String text = received.toString(StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.") || text.length() < 12) {
                throw new IOException("no HTTP response from " + socket);
            }
            int end = text.indexOf("\r\n\r\n");
            String body = end < 0 ? "" : new String(received.toByteArray(), end + 4, received.size() - end - 4,
                    StandardCharsets.UTF_8);
            return new Reply(Integer.parseInt(text.substring(9, 12)), body);
        }
    }

    /** The status of a GET, or -1 when nothing listens (yet). */
    static int status(Path socket, String target) {
        try {
            return send(socket, "GET", target).status();
        } catch (IOException e) {
            return -1;
        }
    }
}
