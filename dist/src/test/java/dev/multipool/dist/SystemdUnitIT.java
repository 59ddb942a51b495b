package dev.multipool.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code deploy/systemd/multipool.service} means what it says to systemd: every word of
 * an {@code Environment=} line is one {@code NAME=value} assignment, split the way systemd splits
 * them (at blanks, except inside double quotes).
 */
class SystemdUnitIT {

    @Test
    void everyEnvironmentWordIsOneAssignmentSoJavaOptsKeepsAllItsOptions() throws IOException {
        Path unit = Path.of(System.getProperty("multipool.dist.home"), "deploy/systemd/multipool.service");
        List<String> assignments = new ArrayList<>();
        for (String line : Files.readAllLines(unit)) {
            if (line.startsWith("Environment=")) {
                assignments.addAll(words(line.substring("Environment=".length())));
            }
        }

        assertThat(assignments).allSatisfy(word -> assertThat(word).matches("[A-Za-z_][A-Za-z0-9_]*=.*"));
        assertThat(assignments).contains("JAVA_OPTS=-Xms32m -Xmx256m -XX:+UseSerialGC");
    }

    @Test
    void documentationAndExecStartPointIntoTheInstalledDistribution() throws IOException {
        Path home = Path.of(System.getProperty("multipool.dist.home"));
        List<String> lines = Files.readAllLines(home.resolve("deploy/systemd/multipool.service"));
        String installed = "/opt/multipool/";

        List<String> paths = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("Documentation=file://" + installed)) {
                paths.add(line.substring(("Documentation=file://" + installed).length()));
            } else if (line.startsWith("ExecStart=" + installed)) {
                paths.add(line.substring(("ExecStart=" + installed).length()).split(" ")[0]);
            }
        }

        assertThat(paths).hasSize(2).allSatisfy(path -> assertThat(home.resolve(path)).isRegularFile());
    }

    /** Splits at blanks outside double quotes and drops the quotes. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }
}
