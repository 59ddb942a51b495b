package dev.multipool.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * Checks, before pf4j reads it, that a plugin path is readable and has a descriptor with an id.
 * pf4j's descriptor finders swallow these causes and report only "No PluginDescriptorFinder"; the
 * host reports the actual one.
 */
final class DescriptorCheck {

    private static final String PROPERTIES = PropertiesPluginDescriptorFinder.DEFAULT_PROPERTIES_FILE_NAME;
    private static final String PLUGIN_ID = ManifestPluginDescriptorFinder.PLUGIN_ID;

    private DescriptorCheck() {
    }

    /**
     * Checks a jar file or a plugin directory.
     *
     * @param path the plugin path
     * @throws PluginProblem saying what is missing or unreadable
     */
    static void check(Path path) throws PluginProblem {
        if (Files.isDirectory(path)) {
            checkDirectory(path);
        } else {
            checkJar(path);
        }
    }

    private static void checkJar(Path path) throws PluginProblem {
        try (JarFile jar = new JarFile(path.toFile())) {
            if (jar.getEntry(PROPERTIES) != null) {
                return;
            }
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new PluginProblem("no plugin descriptor: the jar has neither META-INF/MANIFEST.MF nor " + PROPERTIES);
            }
            if (isBlank(manifest.getMainAttributes().getValue(PLUGIN_ID))) {
                throw new PluginProblem("no plugin descriptor: the jar's manifest has no " + PLUGIN_ID
                        + " (and there is no " + PROPERTIES + ")");
            }
        } catch (IOException | SecurityException e) {
            throw new PluginProblem("not a readable jar: " + Reasons.describe(e), e);
        }
    }

    private static void checkDirectory(Path path) throws PluginProblem {
        if (Files.isRegularFile(path.resolve(PROPERTIES))) {
            return;
        }
        Path manifestPath = findManifest(path);
        if (manifestPath == null) {
            throw new PluginProblem("no plugin descriptor: the directory has neither " + PROPERTIES
                    + " nor a META-INF/MANIFEST.MF");
        }
        try (InputStream in = Files.newInputStream(manifestPath)) {
            if (isBlank(new Manifest(in).getMainAttributes().getValue(PLUGIN_ID))) {
                throw new PluginProblem("no plugin descriptor: " + path.relativize(manifestPath) + " has no " + PLUGIN_ID
                        + " (and there is no " + PROPERTIES + ")");
            }
        } catch (IOException e) {
            throw new PluginProblem("cannot read " + manifestPath + ": " + Reasons.describe(e), e);
        }
    }

    private static Path findManifest(Path directory) throws PluginProblem {
        // where pf4j looks: any MANIFEST.MF below the directory (classes/META-INF/MANIFEST.MF by convention)
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> p.getFileName().toString().equals("MANIFEST.MF")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new PluginProblem("cannot read the directory: " + Reasons.describe(e), e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
