package dev.multipool.bench.rest;

import dev.multipool.bench.support.KeepAliveHttp;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What one simulated CNI caller does, on its own keep-alive connection: allocate the next IPv4
 * address for a new owner ({@code POST /v1/ipam?owner=...}, the call Cilium's CNI plugin makes),
 * then release it ({@code DELETE /v1/ipam/<ip>?pool=default}). The same requests go to the host and
 * to the {@link ConstantServer}.
 */
final class IpamClient implements AutoCloseable {

    private final KeepAliveHttp http;
    private final String ownerPrefix;
    private int sequence;
    private String held;

    IpamClient(Path socket, int id) {
        this.http = new KeepAliveHttp(socket);
        this.ownerPrefix = "/v1/ipam?owner=bench/client-" + id + "-";
    }

    /** Whether the next request is a release. */
    boolean holds() {
        return held != null;
    }

    /** Sends the next request of the cycle: an allocation when nothing is held, else the release. */
    void next() throws IOException {
        if (held == null) {
            KeepAliveHttp.Response reply = http.send("POST", ownerPrefix + sequence++);
            if (reply.status() != 201) {
                throw new IOException("allocation answered " + reply.status() + ": " + reply.body());
            }
            held = addressOf(reply.body());
        } else {
            KeepAliveHttp.Response reply = http.send("DELETE", "/v1/ipam/" + held + "?pool=default");
            if (reply.status() != 200) {
                throw new IOException("release of " + held + " answered " + reply.status() + ": " + reply.body());
            }
            held = null;
        }
    }

    private static String addressOf(String body) throws IOException {
        int start = body.indexOf("\"ipv4\":\"");
        int end = start < 0 ? -1 : body.indexOf('"', start + 8);
        if (end < 0) {
            throw new IOException("no IPv4 address in " + body);
        }
        return body.substring(start + 8, end);
    }

    @Override
    public void close() {
        http.close();
    }
}
