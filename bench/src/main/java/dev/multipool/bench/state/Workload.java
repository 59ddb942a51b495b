package dev.multipool.bench.state;

import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.bench.support.WorkDirectory;
import dev.multipool.host.state.ExpirationTimer;
import dev.multipool.host.state.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Realistic journal entries: two consumers, eight pools, both families, pod-like owners. */
final class Workload {

    private static final PoolName[] POOLS = new PoolName[8];

    static {
        for (int i = 0; i < POOLS.length; i++) {
            POOLS[i] = PoolName.of("pool-" + i + ".example.org");
        }
    }

    private Workload() {
    }

    /** The allocation number {@code index}; every tenth carries an expiration timer. */
    static JournalEntry.Allocated allocation(int index) {
        String consumer = index % 5 == 0 ? "dra" : "pod";
        PoolName pool = POOLS[index % POOLS.length];
        IpAddress address = index % 2 == 0 ? IpAddress.ipv4(0x0A00_0000L + index)
                : IpAddress.ipv6(0xFD00_0000_0000_0000L, index);
        String owner = "namespace-" + (index % 50) + "/workload-" + Integer.toHexString(index * 0x9E3779B1)
                + "-pod-" + index;
        Optional<ExpirationTimer> expiration = index % 10 == 0
                ? Optional.of(new ExpirationTimer(UUID.nameUUIDFromBytes(owner.getBytes()).toString(),
                        Instant.ofEpochMilli(1_800_000_000_000L + index)))
                : Optional.empty();
        return new JournalEntry.Allocated(consumer, pool, address, owner, expiration);
    }

    /** A new empty directory under {@code parent}. */
    static Path freshDirectory(Path parent, String name) {
        try {
            return WorkDirectory.fresh(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The total size of the files in a directory. */
    static long size(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.mapToLong(path -> path.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
