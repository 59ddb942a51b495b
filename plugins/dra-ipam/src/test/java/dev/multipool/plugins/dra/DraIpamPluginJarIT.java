package dev.multipool.plugins.dra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checks the packaged plugin jar (run by failsafe after {@code package}): pf4j can load it, and it
 * bundles nothing the host provides. A bundled copy of a shared library would be loaded by pf4j's
 * parent-last class loader and give the plugin types the host cannot use.
 */
class DraIpamPluginJarIT {

    /** Packages the host provides; the plugin jar must hold no class of them. */
    private static final List<String> PROVIDED = List.of(
            "dev/multipool/api/", "org/pf4j/", "org/slf4j/", "io/fabric8/", "tools/jackson/", "com/fasterxml/jackson/");

    private static Path jar() {
        String path = System.getProperty("plugin.jar");
        assertThat(path).as("system property plugin.jar (set by the failsafe configuration)").isNotBlank();
        Path jar = Path.of(path);
        assertThat(jar).exists();
        return jar;
    }

    @Test
    @DisplayName("the manifest carries pf4j's plugin entries and the SPI range")
    void manifest() throws IOException {
        try (JarFile file = new JarFile(jar().toFile())) {
            Attributes main = file.getManifest().getMainAttributes();

            assertThat(main.getValue("Plugin-Id")).isEqualTo("dra-ipam").isEqualTo(System.getProperty("plugin.expectedId"));
            assertThat(main.getValue("Plugin-Class")).isEqualTo(DraIpamPlugin.class.getName())
                    .isEqualTo(System.getProperty("plugin.expectedClass"));
            assertThat(main.getValue("Plugin-Version")).isNotBlank();
            assertThat(main.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
        }
    }

    @Test
    @DisplayName("META-INF/extensions.idx names the dra consumer, and the classes it names are in the jar")
    void extensionIndex() throws IOException {
        try (JarFile file = new JarFile(jar().toFile())) {
            JarEntry index = file.getJarEntry("META-INF/extensions.idx");
            assertThat(index).as("META-INF/extensions.idx").isNotNull();
            List<String> extensions;
            try (InputStream in = file.getInputStream(index)) {
                extensions = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .collect(Collectors.toList());
            }
            assertThat(extensions).containsExactly(DraIpamConsumer.class.getName());
            assertThat(file.getJarEntry(DraIpamConsumer.class.getName().replace('.', '/') + ".class")).isNotNull();
            assertThat(file.getJarEntry(DraIpamPlugin.class.getName().replace('.', '/') + ".class")).isNotNull();
        }
    }

    @Test
    @DisplayName("no class of the SPI, pf4j, slf4j, fabric8 or Jackson is bundled")
    void bundlesNothingTheHostProvides() throws IOException {
        try (JarFile file = new JarFile(jar().toFile())) {
            List<String> bundled = file.stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> PROVIDED.stream().anyMatch(name::startsWith))
                    .collect(Collectors.toList());

            assertThat(bundled).as("classes of host-provided libraries inside %s", jar()).isEmpty();
            assertThat(file.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class")))
                    .allMatch(name -> name.startsWith("dev/multipool/plugins/dra/"));
        }
        assertThat(Files.size(jar())).isLessThan(512 * 1024);
    }
}
