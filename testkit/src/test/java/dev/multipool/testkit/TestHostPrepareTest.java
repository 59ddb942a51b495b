package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TestHostPrepareTest {

    @Test
    @DisplayName("a host that cannot be prepared (a missing plugin jar) leaves no directory behind")
    void failedPrepareRemovesItsDirectory() throws IOException {
        List<Path> before = testHostDirectories();
        HostSettings settings = MultipoolHostExtension.builder().pluginJar(Path.of("no-such-plugin.jar")).settings();

        assertThatThrownBy(() -> TestHost.prepare(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-plugin.jar does not exist");
        assertThat(testHostDirectories()).isEqualTo(before);
    }

    private static List<Path> testHostDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(path -> path.getFileName().toString().startsWith("multipool-testkit-")).sorted()
                    .toList();
        }
    }
}
