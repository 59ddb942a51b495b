package dev.multipool.host.state;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Decodes the few distinct values of a repeated string field (consumer ids, pool names) without
 * building a string for every record: the stored bytes are compared with the values met so far.
 * Up to {@value #CAPACITY} distinct values are remembered; later ones are decoded each time.
 * Not thread-safe.
 *
 * @param <T> the decoded value
 */
final class InternTable<T> {

    private static final int CAPACITY = 64;

    private final Function<String, T> factory;
    private final byte[][] keys = new byte[CAPACITY][];
    private final Object[] values = new Object[CAPACITY];
    private int size;

    InternTable(Function<String, T> factory) {
        this.factory = factory;
    }

    /**
     * Reads a string of {@code length} bytes at the buffer's position and returns its value; the
     * position moves past it.
     */
    @SuppressWarnings("unchecked")
    T read(ByteBuffer buffer, int length) {
        int at = buffer.position();
        for (int i = 0; i < size; i++) {
            if (matches(keys[i], buffer, at, length)) {
                buffer.position(at + length);
                return (T) values[i];
            }
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        T value = factory.apply(new String(bytes, UTF_8));
        if (size < CAPACITY) {
            keys[size] = bytes;
            values[size] = value;
            size++;
        }
        return value;
    }

    private static boolean matches(byte[] key, ByteBuffer buffer, int at, int length) {
        if (key.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (key[i] != buffer.get(at + i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "InternTable" + Arrays.toString(Arrays.copyOf(values, size));
    }
}
