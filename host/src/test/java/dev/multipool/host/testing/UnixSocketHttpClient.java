package dev.multipool.host.testing;

import static java.util.Objects.requireNonNull;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small HTTP/1.1 client over a unix domain socket, for tests that drive the host's REST API.
 * One request per connection ({@code Connection: close}); the whole response is read with a
 * deadline, so a server that never answers fails the test instead of hanging it.
 */
public final class UnixSocketHttpClient {

    private final Path socket;
    private final Duration timeout;

    /**
     * Creates a client with a 10-second deadline per request.
     *
     * @param socket the server's socket path
     */
    public UnixSocketHttpClient(Path socket) {
        this(socket, Duration.ofSeconds(10));
    }

    /**
     * Creates a client.
     *
     * @param socket the server's socket path
     * @param timeout the deadline for one whole exchange
     */
    public UnixSocketHttpClient(Path socket, Duration timeout) {
        this.socket = requireNonNull(socket, "socket is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /**
     * Sends a GET.
     *
     * @param target the request target, for example {@code /v1/healthz}
     * @return the response
     * @throws IOException on a transport error or timeout
     */
    public HttpReply get(String target) throws IOException {
        return send("GET", target, Map.of());
    }

    /**
     * Sends a POST without a body.
     *
     * @param target the request target, already percent-encoded
     * @return the response
     * @throws IOException on a transport error or timeout
     */
    public HttpReply post(String target) throws IOException {
        return send("POST", target, Map.of());
    }

    /**
     * Sends a DELETE.
     *
     * @param target the request target, already percent-encoded
     * @return the response
     * @throws IOException on a transport error or timeout
     */
    public HttpReply delete(String target) throws IOException {
        return send("DELETE", target, Map.of());
    }

    /**
     * Sends a request without a body.
     *
     * @param method the method
     * @param target the request target, already percent-encoded
     * @param headers extra headers
     * @return the response
     * @throws IOException on a transport error or timeout
     */
    public HttpReply send(String method, String target, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder();
        request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        request.append("Host: localhost\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        return sendRaw(request.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends bytes as they are and reads the response until the server closes the connection.
     *
     * @param request a complete HTTP/1.1 request (it should ask for {@code Connection: close})
     * @return the response
     * @throws IOException on a transport error, a malformed response or timeout
     */
    public HttpReply sendRaw(byte[] request) throws IOException {
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
            ByteBuffer in = ByteBuffer.allocate(8192);
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
            return HttpReply.parse(received.toByteArray());
        }
    }

    /**
     * One HTTP response.
     *
     * @param status the status code
     * @param headers header values by lower-case name
     * @param body the body (chunked encoding already removed)
     */
    public record HttpReply(int status, Map<String, List<String>> headers, byte[] body) {

        /**
         * Returns the body as UTF-8 text.
         *
         * @return the text
         */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /**
         * Returns the first value of a header.
         *
         * @param name the header name, any case
         * @return the value, if present
         */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        static HttpReply parse(byte[] raw) throws IOException {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            if (end < 0) {
                throw new IOException("malformed HTTP response: no end of headers in "
                        + new String(raw, StandardCharsets.ISO_8859_1));
            }
            String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("malformed status line: " + lines[0]);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
            List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
            List<String> length = headers.getOrDefault("content-length", List.of());
            byte[] body;
            if (encoding.stream().anyMatch(value -> value.equalsIgnoreCase("chunked"))) {
                body = dechunk(rest);
            } else if (!length.isEmpty()) {
                int expected = Integer.parseInt(length.get(0));
                if (rest.length < expected) {
                    throw new IOException("truncated body: " + rest.length + " of " + expected + " bytes");
                }
                body = Arrays.copyOf(rest, expected);
            } else {
                body = rest;
            }
            return new HttpReply(Integer.parseInt(statusLine[1]), headers, body);
        }

        private static byte[] dechunk(byte[] data) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int position = 0;
            byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
            while (true) {
                int lineEnd = indexOf(data, crlf, position);
                if (lineEnd < 0) {
                    throw new IOException("malformed chunked body");
                }
                String sizeText = new String(data, position, lineEnd - position, StandardCharsets.US_ASCII);
                int size = Integer.parseInt(sizeText.split(";")[0].trim(), 16);
                position = lineEnd + 2;
                if (size == 0) {
                    return body.toByteArray();
                }
                body.write(data, position, size);
                position += size + 2;
            }
        }

        private static int indexOf(byte[] data, byte[] needle, int from) {
            outer:
            for (int i = from; i <= data.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
