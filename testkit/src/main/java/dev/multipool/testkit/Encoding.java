package dev.multipool.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** Percent-encoding of path segments and query parameters for {@link HostClient}. */
final class Encoding {

    private Encoding() {
    }

    /**
     * Encodes one path segment. Colons stay as they are, so IPv6 addresses read naturally.
     *
     * @param segment the raw segment
     * @return the encoded segment
     */
    static String pathSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }

    /**
     * Builds a query string from name/value pairs, skipping pairs whose value is null.
     *
     * @param pairs name, value, name, value, ...
     * @return {@code ?a=1&b=2}, or the empty string when every value is null
     */
    static String query(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("query pairs must come in twos");
        }
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return query.toString();
    }
}
