package dev.multipool.api;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes-style object (the node's CiliumNode, a pool object) as an immutable tree of maps,
 * lists, strings, numbers, booleans and nulls, the way it reads as JSON.
 *
 * <p>This is the neutral view the host hands to plugins: no client library type appears in it.
 * Every map keeps its key order; integral numbers are held as {@link Long} (or {@link BigInteger}
 * when too large) and other numbers as {@link Double}, so two documents with the same JSON meaning
 * are {@link #equals(Object) equal}. Changes ({@link #with}, {@link #without}) return new documents.
 */
public final class ResourceDocument {

    private static final ResourceDocument EMPTY = new ResourceDocument(Map.of());

    /** Integral decimals with more digits than this (such as {@code 1e100000}) are kept as doubles. */
    private static final int MAX_INTEGER_DIGITS = 1000;

    private final Map<String, Object> root;

    private ResourceDocument(Map<String, Object> root) {
        this.root = root;
    }

    /**
     * Returns an empty document ({@code {}}).
     *
     * @return the empty document
     */
    public static ResourceDocument empty() {
        return EMPTY;
    }

    /**
     * Returns a document holding a deep, immutable copy of the content.
     *
     * @param content nested maps with string keys, lists, strings, numbers, booleans and nulls
     * @return the document
     * @throws IllegalArgumentException if the content holds any other type
     */
    public static ResourceDocument of(Map<String, ?> content) {
        requireNonNull(content, "content is null");
        return new ResourceDocument(copyMap(content, "$"));
    }

    /**
     * Returns the whole tree.
     *
     * @return an unmodifiable map
     */
    public Map<String, Object> asMap() {
        return root;
    }

    /**
     * Returns the value at a path of map keys.
     *
     * @param path keys from the root, for example {@code "spec", "ipam", "pools"}
     * @return the value, or empty when a key is missing, a step is not a map, or the value is null
     */
    public Optional<Object> get(String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    /**
     * Returns the map at a path.
     *
     * @param path keys from the root
     * @return the map, or empty when absent or not a map
     */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> getMap(String... path) {
        return get(path).filter(Map.class::isInstance).map(value -> (Map<String, Object>) value);
    }

    /**
     * Returns the list at a path.
     *
     * @param path keys from the root
     * @return the list, or empty when absent or not a list
     */
    @SuppressWarnings("unchecked")
    public Optional<List<Object>> getList(String... path) {
        return get(path).filter(List.class::isInstance).map(value -> (List<Object>) value);
    }

    /**
     * Returns the string at a path.
     *
     * @param path keys from the root
     * @return the string, or empty when absent or not a string
     */
    public Optional<String> getString(String... path) {
        return get(path).filter(String.class::isInstance).map(String.class::cast);
    }

    /**
     * Returns {@code metadata.name}.
     *
     * @return the name, or the empty string when the document has none
     */
    public String name() {
        return getString("metadata", "name").orElse("");
    }

    /**
     * Returns {@code metadata.resourceVersion}.
     *
     * @return the resource version, if present
     */
    public Optional<String> resourceVersion() {
        return getString("metadata", "resourceVersion");
    }

    /**
     * Returns {@code metadata.labels} with string values.
     *
     * @return the labels, empty when there are none
     */
    public Map<String, String> labels() {
        return stringMap("metadata", "labels");
    }

    /**
     * Returns {@code metadata.annotations} with string values.
     *
     * @return the annotations, empty when there are none
     */
    public Map<String, String> annotations() {
        return stringMap("metadata", "annotations");
    }

    private Map<String, String> stringMap(String... path) {
        Map<String, String> out = new LinkedHashMap<>();
        getMap(path).ifPresent(map -> map.forEach((key, value) -> {
            if (value instanceof String text) {
                out.put(key, text);
            }
        }));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Returns a document with the value at {@code path} replaced, creating missing maps on the way.
     * A non-map value met on the way is replaced by a map.
     *
     * @param path keys from the root, at least one
     * @param value the new value (deep-copied), or null to store an explicit null
     * @return the new document
     */
    public ResourceDocument with(List<String> path, Object value) {
        requireNonNull(path, "path is null");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        Object copied = copyValue(value, String.join(".", path));
        return new ResourceDocument(replace(root, path, 0, copied, false));
    }

    /**
     * Returns a document without the key at {@code path}. Nothing changes if it is absent.
     *
     * @param path keys from the root, at least one
     * @return the new document
     */
    public ResourceDocument without(List<String> path) {
        requireNonNull(path, "path is null");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("path is empty");
        }
        if (get(path.toArray(String[]::new)).isEmpty() && !containsKey(path)) {
            return this;
        }
        return new ResourceDocument(replace(root, path, 0, null, true));
    }

    private boolean containsKey(List<String> path) {
        Object current = root;
        for (int i = 0; i < path.size(); i++) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(path.get(i))) {
                return false;
            }
            current = map.get(path.get(i));
        }
        return true;
    }

    private static Map<String, Object> replace(Map<String, Object> map, List<String> path, int depth, Object value, boolean remove) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        String key = path.get(depth);
        if (depth == path.size() - 1) {
            if (remove) {
                copy.remove(key);
            } else {
                copy.put(key, value);
            }
        } else {
            Object child = copy.get(key);
            @SuppressWarnings("unchecked")
            Map<String, Object> childMap = child instanceof Map<?, ?> ? (Map<String, Object>) child : Map.of();
            copy.put(key, replace(childMap, path, depth + 1, value, remove));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String where) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("non-string key " + entry.getKey() + " at " + where);
            }
            copy.put(key, copyValue(entry.getValue(), where + "." + key));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, where);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyValue(list.get(i), where + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float) {
            return ((Float) value).doubleValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (value instanceof BigDecimal decimal) {
            BigDecimal stripped = decimal.stripTrailingZeros();
            if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS) {
                BigInteger integral = stripped.toBigIntegerExact();
                return integral.bitLength() < 64 ? (Object) integral.longValue() : integral;
            }
            return decimal.doubleValue();
        }
        throw new IllegalArgumentException("unsupported value of type " + value.getClass().getName() + " at " + where);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceDocument document && root.equals(document.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
