package dev.multipool.host.state;

import java.nio.file.Path;

/** Builds the messages for damaged state, so that every refusal to start says the same things. */
final class StateDamage {

    private StateDamage() {
    }

    /**
     * Returns the error for damage that makes starting unsafe.
     *
     * @param file the damaged file
     * @param offset the byte offset of the damage
     * @param reason what is wrong there
     * @return the error, naming the file, the offset, the reason and the risk
     */
    static JournalCorruptException corrupt(Path file, long offset, String reason) {
        return new JournalCorruptException("allocation state " + file + " is damaged at offset " + offset + ": "
                + reason + ". The host refuses to start: going on without the records this file should hold could "
                + "forget an acknowledged allocation and hand its address to a second owner (double allocation). "
                + "Restore the directory from a backup, or follow 'When the host refuses to start' in docs/state.md.");
    }

    /**
     * Returns the problem text for a torn last record, which is dropped (it was never acknowledged).
     *
     * @param file the journal
     * @param offset where the torn record starts
     * @param length how many bytes were dropped
     * @param reason what made the record unreadable
     * @return the problem text
     */
    static String tornTail(Path file, long offset, long length, String reason) {
        return "dropped an incomplete last record in " + file + " at offset " + offset + " (" + length + " bytes, "
                + reason + "): a write cut short by a crash, never acknowledged to any client";
    }
}
