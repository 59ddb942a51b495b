package dev.multipool.host.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Family;
import dev.multipool.host.HostStartException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged allocation state at start (docs/state.md, "Recovery at start"): damage in the middle of
 * the journal refuses the start with a message naming the file, the offset and the risk, and
 * changes nothing; a torn last record is dropped, the host starts with every intact record and
 * reports the problem in its status.
 */
class DamagedStateTest {

    private static final int HEADER = 36;
    private static final int RECORDS = 6;

    @TempDir
    Path root;

    private final Map<String, String> allocatedInOrder = new LinkedHashMap<>();
    private Path journal;
    private List<Long> frames;

    @BeforeEach
    void storeSixAllocationsOneRecordEach() throws IOException {
        try (StandaloneHost host = new StandaloneHost(root).start()) {
            for (int i = 0; i < RECORDS; i++) {
                StandaloneHost.Allocation allocation = host.allocate("owner-" + i);
                allocatedInOrder.put(allocation.ip(), allocation.owner());
            }
        }
        try (Stream<Path> files = Files.list(root.resolve("state").resolve("allocations"))) {
            journal = files.filter(f -> f.getFileName().toString().endsWith(".log")).findFirst().orElseThrow();
        }
        frames = frameOffsets(journal);
        assertThat(frames).as("one record per sequential allocation").hasSize(RECORDS);
    }

    @Test
    void damageInTheMiddleOfTheJournalRefusesTheStartAndChangesNothing() throws IOException {
        long damaged = frames.get(2);
        flipByte(journal, damaged + 12);
        byte[] before = Files.readAllBytes(journal);
        StandaloneHost host = new StandaloneHost(root);

        assertThatThrownBy(host::launch).isInstanceOf(HostStartException.class)
                .hasMessageContaining("allocation state " + journal)
                .hasMessageContaining("damaged at offset " + damaged)
                .hasMessageContaining("refuses to start")
                .hasMessageContaining("double allocation")
                .hasMessageContaining("docs/state.md");

        assertThat(Files.readAllBytes(journal)).isEqualTo(before);
        assertThat(host.socket()).doesNotExist();

        // the documented way out: (drain the node, then) cut the journal at the reported offset
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            file.setLength(damaged);
        }
        try (StandaloneHost restarted = host.start()) {
            assertThat(restarted.allocations(Family.IPV4)).isEqualTo(firstRecords(2));
            assertThat(restarted.detail().get("warnings").isEmpty()).isTrue();
        }
    }

    @Test
    void tornLastRecordIsDroppedTheHostStartsWithEveryIntactRecordAndReportsIt() throws IOException {
        long last = frames.get(RECORDS - 1);
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            file.setLength(file.length() - 5);
        }

        try (StandaloneHost host = new StandaloneHost(root).start()) {
            assertThat(host.allocations(Family.IPV4)).isEqualTo(firstRecords(RECORDS - 1));
            String problem = "dropped an incomplete last record in " + journal + " at offset " + last;
            assertThat(host.detail().get("warnings").toString()).contains(problem);
            assertThat(host.get("/v1/healthz").bodyText()).contains(problem);
            assertThat(host.detail().get("state").asString()).isEqualTo("ready");
        }
        try (StandaloneHost host = new StandaloneHost(root).start()) {
            assertThat(host.detail().get("warnings").isEmpty()).as("the tail was truncated once, for good").isTrue();
            assertThat(host.allocations(Family.IPV4)).isEqualTo(firstRecords(RECORDS - 1));
        }
    }

    private Map<String, String> firstRecords(int count) {
        Map<String, String> first = new LinkedHashMap<>();
        allocatedInOrder.entrySet().stream().limit(count).forEach(e -> first.put(e.getKey(), e.getValue()));
        return first;
    }

    /** The start of every frame: a 4-byte payload length, a 4-byte checksum, then the payload. */
    private static List<Long> frameOffsets(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        List<Long> offsets = new ArrayList<>();
        int position = HEADER;
        while (position + 8 <= bytes.limit()) {
            offsets.add((long) position);
            position += 8 + bytes.getInt(position);
        }
        assertThat(position).as("the journal ends on a frame boundary").isEqualTo(bytes.limit());
        return offsets;
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ 0x40);
        }
    }
}
