package dev.multipool.host.state;

import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Builders and file helpers shared by the journal tests. */
final class JournalFixtures {

    private JournalFixtures() {
    }

    static JournalEntry.Allocated allocated(String pool, String address, String owner) {
        return new JournalEntry.Allocated("pods", PoolName.of(pool), IpAddress.parse(address), owner, Optional.empty());
    }

    static JournalEntry.Allocated allocated(String pool, String address, String owner, String uuid, long deadline) {
        return new JournalEntry.Allocated("pods", PoolName.of(pool), IpAddress.parse(address), owner,
                Optional.of(new ExpirationTimer(uuid, Instant.ofEpochMilli(deadline))));
    }

    static JournalEntry.Released released(String pool, String address) {
        return new JournalEntry.Released("pods", PoolName.of(pool), IpAddress.parse(address));
    }

    static JournalEntry.ExpirationStopped stopped(String pool, String address) {
        return new JournalEntry.ExpirationStopped("pods", PoolName.of(pool), IpAddress.parse(address));
    }

    static AllocationRecord record(String pool, String address, String owner) {
        return new AllocationRecord("pods", PoolName.of(pool), IpAddress.parse(address), owner, Optional.empty());
    }

    /** The record an allocation entry leaves. */
    static AllocationRecord record(JournalEntry.Allocated entry) {
        return new AllocationRecord(entry.consumer(), entry.pool(), entry.address(), entry.owner(),
                entry.expiration());
    }

    /** IPv4 address number {@code index} in 10.0.0.0/8. */
    static String ip(int index) {
        return IpAddress.ipv4(0x0A00_0000L + index).toString();
    }

    static FileAllocationJournal opened(Path directory) {
        FileAllocationJournal journal = new FileAllocationJournal(directory);
        journal.open();
        return journal;
    }

    /** Opens, reads and closes the journal. */
    static JournalContents reopen(Path directory) {
        try (FileAllocationJournal journal = new FileAllocationJournal(directory)) {
            return journal.open();
        }
    }

    /** The names of the files in the directory, sorted. */
    static List<String> files(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies every file of one directory into another (a fresh copy of the state). */
    static void copyDirectory(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> list = Files.list(from)) {
                for (Path file : list.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
