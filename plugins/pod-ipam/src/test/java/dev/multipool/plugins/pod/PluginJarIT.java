package dev.multipool.plugins.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.IpamConsumer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/** The built plugin jar (runs after {@code package}): descriptor, extension index, and nothing the host provides. */
class PluginJarIT {

    private static final List<String> PROVIDED_PACKAGES =
            List.of("dev/multipool/api/", "org/pf4j/", "org/slf4j/", "io/fabric8/");

    private static Path pluginJar() {
        String path = System.getProperty("plugin.jar");
        assertThat(path).as("system property plugin.jar (set by the failsafe configuration)").isNotBlank();
        Path jar = Path.of(path);
        assertThat(jar).isRegularFile();
        return jar;
    }

    @Test
    @DisplayName("the manifest carries the pf4j descriptor: id, class, version and the SPI range")
    void manifestDescribesThePlugin() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Attributes attributes = jar.getManifest().getMainAttributes();

            assertThat(attributes.getValue("Plugin-Id")).isEqualTo("pod-ipam");
            assertThat(attributes.getValue("Plugin-Class")).isEqualTo("dev.multipool.plugins.pod.PodIpamPlugin");
            assertThat(attributes.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            assertThat(attributes.getValue("Plugin-Version")).isNotBlank();
            assertThat(jar.getJarEntry("dev/multipool/plugins/pod/PodIpamPlugin.class")).isNotNull();
        }
    }

    @Test
    @DisplayName("META-INF/extensions.idx names the pod consumer extension")
    void extensionIndexNamesTheConsumer() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            JarEntry index = jar.getJarEntry("META-INF/extensions.idx");
            assertThat(index).as("META-INF/extensions.idx").isNotNull();
            List<String> extensions;
            try (InputStream in = jar.getInputStream(index)) {
                extensions = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            }

            assertThat(extensions).containsExactly("dev.multipool.plugins.pod.PodIpamConsumer");
            assertThat(jar.getJarEntry("dev/multipool/plugins/pod/PodIpamConsumer.class")).isNotNull();
        }
    }

    @Test
    @DisplayName("the jar bundles no class of the SPI, pf4j, slf4j or fabric8 (the host provides them)")
    void bundlesNothingTheHostProvides() throws IOException {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> bundled = Collections.list(jar.entries()).stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> PROVIDED_PACKAGES.stream().anyMatch(name::startsWith))
                    .collect(Collectors.toList());

            assertThat(bundled).as("classes the plugin must not bundle").isEmpty();
        }
    }

    @Test
    @DisplayName("pf4j loads the jar with the SPI version, and its extension is the host's IpamConsumer")
    void pf4jLoadsTheJar(@TempDir Path plugins) throws IOException {
        Files.copy(pluginJar(), plugins.resolve("pod-ipam.jar"));
        PluginManager manager = new JarPluginManager(plugins);
        manager.setSystemVersion("1.0.0");
        manager.loadPlugins();
        manager.startPlugins();
        try {
            assertThat(manager.getPlugin("pod-ipam")).isNotNull();
            assertThat(manager.getPlugin("pod-ipam").getPluginState()).isEqualTo(PluginState.STARTED);
            List<IpamConsumer> consumers = manager.getExtensions(IpamConsumer.class, "pod-ipam");

            assertThat(consumers).singleElement().satisfies(consumer -> {
                assertThat(consumer.id()).isEqualTo("pod");
                assertThat(consumer.getClass().getClassLoader()).isNotSameAs(IpamConsumer.class.getClassLoader());
            });
        } finally {
            manager.stopPlugin("pod-ipam");
            manager.unloadPlugin("pod-ipam");
        }
    }
}
