package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/**
 * A TCP listen address {@code HOST:PORT}, as {@code --prometheus-serve-addr} takes it. IPv6
 * literals are bracketed ({@code [::1]:9962}); an empty host ({@code :9962}) means every interface.
 *
 * @param host the host name or IP literal (without brackets), empty for every interface
 * @param port the port, 1 to 65535
 */
public record HostPort(String host, int port) {

    /** Validates the parts. */
    public HostPort {
        requireNonNull(host, "host is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
    }

    /**
     * Parses {@code HOST:PORT}, {@code [IPV6]:PORT} or {@code :PORT}.
     *
     * @param text the address
     * @return the address
     * @throws IllegalArgumentException saying what is wrong
     */
    public static HostPort parse(String text) {
        requireNonNull(text, "text is null");
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty IPv6 literal");
            }
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            throw new IllegalArgumentException("write an IPv6 host in brackets, for example [::1]:9962");
        }
        if (host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the host contains spaces");
        }
        String port = text.substring(colon + 1);
        if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
            throw new IllegalArgumentException("invalid port \"" + port + "\"");
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    /**
     * Returns the address to bind, resolving the host name.
     *
     * @return the socket address (the wildcard address for an empty host)
     */
    public InetSocketAddress toSocketAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
