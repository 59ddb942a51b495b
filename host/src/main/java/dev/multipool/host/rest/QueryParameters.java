package dev.multipool.host.rest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string of a request, decoded strictly: {@code %XX} escapes and {@code +} for a
 * space, UTF-8 only. A parameter given twice, a parameter the endpoint does not know, a bad
 * escape or bytes that are not UTF-8 are malformed input (400).
 */
final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses a raw (still encoded) query string.
     *
     * @param rawQuery the query after {@code ?}, or null when there is none
     * @param allowed the parameter names the endpoint accepts
     * @return the parameters
     * @throws HttpProblem 400 when the query is malformed
     */
    static QueryParameters parse(String rawQuery, Set<String> allowed) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (!allowed.contains(name)) {
                    throw HttpProblem.badRequest("unknown query parameter \"" + name + "\""
                            + (allowed.isEmpty() ? ": this endpoint takes none" : " (allowed: "
                            + String.join(", ", new TreeSet<>(allowed)) + ")"));
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw HttpProblem.badRequest("query parameter \"" + name + "\" is given more than once");
                }
            }
        }
        return new QueryParameters(values);
    }

    /**
     * Returns a parameter's value; an empty value counts as absent, as in Cilium's API.
     *
     * @param name the parameter
     * @return the decoded value, or empty when absent or empty
     */
    Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw HttpProblem.badRequest("malformed query string: bad percent escape in \"" + encoded + "\"");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                int codePoint = encoded.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpProblem.badRequest("malformed query string: \"" + encoded + "\" is not UTF-8 text");
        }
    }
}
