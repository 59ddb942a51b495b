package dev.multipool.host.state;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of a {@link JournalEntry} (big-endian). Strings are a 16-bit byte length and
 * UTF-8 bytes; an address is a family byte (4 or 6) and 4 or 16 bytes in network order.
 *
 * <pre>
 * kind u8 (1 allocated, 2 released, 3 expiration stopped) | consumer str | pool str | address
 * allocated only: owner str | flags u8 (bit 0: expiration) | [uuid str | deadline i64 epoch millis]
 * </pre>
 *
 * <p>A decoder instance shares equal consumer ids and pool names between records, which keeps a
 * restore of many records fast and small; it is not thread-safe.
 */
final class EntryCodec {

    /** The longest owner the REST API accepts, in UTF-8 bytes. */
    static final int MAX_OWNER_BYTES = 512;

    private static final int MAX_STRING_BYTES = 0xFFFF;
    private static final byte ALLOCATED = 1;
    private static final byte RELEASED = 2;
    private static final byte EXPIRATION_STOPPED = 3;

    private final InternTable<String> consumers = new InternTable<>(text -> text);
    private final InternTable<PoolName> pools = new InternTable<>(PoolName::of);
    private byte[] scratch = new byte[256];

    /**
     * Encodes entries one after another.
     *
     * @param entries the entries
     * @return their bytes
     * @throws IllegalArgumentException if a field cannot be stored (owner over 512 bytes, text that
     *     is not valid Unicode)
     */
    static byte[] encode(List<JournalEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96 * entries.size());
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            for (JournalEntry entry : entries) {
                encode(java.util.Objects.requireNonNull(entry, "entry is null"), out);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /**
     * Encodes one entry onto a stream.
     *
     * @param entry the entry
     * @param out the stream
     * @throws IOException if the stream fails
     */
    static void encode(JournalEntry entry, DataOutputStream out) throws IOException {
        out.writeByte(entry instanceof JournalEntry.Allocated ? ALLOCATED
                : entry instanceof JournalEntry.Released ? RELEASED : EXPIRATION_STOPPED);
        writeString(out, entry.consumer(), MAX_STRING_BYTES, "consumer");
        writeString(out, entry.pool().value(), MAX_STRING_BYTES, "pool");
        out.writeByte(entry.address().family() == Family.IPV4 ? 4 : 6);
        out.write(entry.address().toBytes());
        if (entry instanceof JournalEntry.Allocated allocated) {
            writeString(out, allocated.owner(), MAX_OWNER_BYTES, "owner");
            Optional<ExpirationTimer> expiration = allocated.expiration();
            out.writeByte(expiration.isPresent() ? 1 : 0);
            if (expiration.isPresent()) {
                writeString(out, expiration.get().uuid(), MAX_STRING_BYTES, "expiration uuid");
                out.writeLong(expiration.get().deadline().toEpochMilli());
            }
        }
    }

    private static void writeString(DataOutputStream out, String text, int maxBytes, String field) throws IOException {
        byte[] bytes = text.getBytes(UTF_8);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(field + " is " + bytes.length + " bytes of UTF-8, more than the "
                    + maxBytes + " allowed: \"" + text.substring(0, Math.min(text.length(), 64)) + "...\"");
        }
        if (hasSurrogate(text) && !new String(bytes, UTF_8).equals(text)) {
            throw new IllegalArgumentException(field + " is not valid Unicode text (unpaired surrogate): \""
                    + text + "\"");
        }
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes {@code count} entries from the buffer's position.
     *
     * @param buffer the bytes; the position moves past the entries
     * @param count how many entries to read
     * @param sink receives each entry in order
     * @throws IllegalArgumentException if the bytes are not valid entries
     */
    void decode(ByteBuffer buffer, int count, java.util.function.Consumer<JournalEntry> sink) {
        try {
            for (int i = 0; i < count; i++) {
                sink.accept(decodeOne(buffer));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("an entry runs past the end of its record", e);
        }
    }

    private JournalEntry decodeOne(ByteBuffer buffer) {
        byte kind = buffer.get();
        String consumer = consumers.read(buffer, Short.toUnsignedInt(buffer.getShort()));
        PoolName pool = pools.read(buffer, Short.toUnsignedInt(buffer.getShort()));
        IpAddress address = readAddress(buffer);
        switch (kind) {
            case ALLOCATED:
                String owner = readString(buffer);
                byte flags = buffer.get();
                if ((flags & ~1) != 0) {
                    throw new IllegalArgumentException("unknown flags " + flags);
                }
                Optional<ExpirationTimer> expiration = Optional.empty();
                if (flags == 1) {
                    String uuid = readString(buffer);
                    expiration = Optional.of(new ExpirationTimer(uuid, Instant.ofEpochMilli(buffer.getLong())));
                }
                return new JournalEntry.Allocated(consumer, pool, address, owner, expiration);
            case RELEASED:
                return new JournalEntry.Released(consumer, pool, address);
            case EXPIRATION_STOPPED:
                return new JournalEntry.ExpirationStopped(consumer, pool, address);
            default:
                throw new IllegalArgumentException("unknown entry kind " + kind);
        }
    }

    private String readString(ByteBuffer buffer) {
        int length = Short.toUnsignedInt(buffer.getShort());
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        buffer.get(scratch, 0, length);
        return new String(scratch, 0, length, UTF_8);
    }

    private static IpAddress readAddress(ByteBuffer buffer) {
        byte family = buffer.get();
        if (family == 4) {
            return IpAddress.ipv4(Integer.toUnsignedLong(buffer.getInt()));
        }
        if (family == 6) {
            return IpAddress.ipv6(buffer.getLong(), buffer.getLong());
        }
        throw new IllegalArgumentException("unknown address family " + family);
    }
}
