package dev.multipool.host.testing;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.testing.TestCompiler.SourceSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds real pf4j plugins at test time: compiles Java sources against the SPI (and pf4j and slf4j,
 * as a plugin with {@code provided} scopes would), indexes the extensions, and writes a jar with
 * the plugin manifest (or a zip plugin with {@code plugin.properties} and {@code classes/}). pf4j's
 * own annotation processor writes {@code META-INF/extensions.idx} from the {@code @Extension}
 * annotations, as in a real plugin build; {@link #extension} writes the index by hand instead (for
 * example to name a class that does not exist).
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.plugin("demo")
 *         .source("demo.DemoConsumer", "package demo; ... @Extension public class DemoConsumer implements IpamConsumer {...}")
 *         .buildInto(pluginsDir);
 * }</pre>
 *
 * A test class that builds many plugins should pass them to {@link #compileTogether} first (one
 * compiler run instead of one per plugin).
 */
public final class PluginJarBuilder {

    /** The range the in-tree plugins declare; matches the SPI the tests run with. */
    public static final String SPI_RANGE = ">=1.0.0 & <2.0.0";

    private final String pluginId;
    private String version = "1.0.0";
    private String requires = SPI_RANGE;
    private String pluginClass;
    private String fileName;
    private boolean descriptor = true;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Set<String> extensions = new LinkedHashSet<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Class<?>> bundled = new ArrayList<>();

    private PluginJarBuilder(String pluginId) {
        this.pluginId = requireNonNull(pluginId, "pluginId is null");
    }

    /**
     * Starts a plugin.
     *
     * @param pluginId the {@code Plugin-Id}
     * @return the builder
     */
    public static PluginJarBuilder plugin(String pluginId) {
        return new PluginJarBuilder(pluginId);
    }

    /**
     * Sets {@code Plugin-Version} (default {@code 1.0.0}).
     *
     * @param value the version
     * @return this
     */
    public PluginJarBuilder version(String value) {
        this.version = requireNonNull(value, "value is null");
        return this;
    }

    /**
     * Sets {@code Plugin-Requires} (default {@link #SPI_RANGE}).
     *
     * @param value the range; null leaves the attribute out
     * @return this
     */
    public PluginJarBuilder requires(String value) {
        this.requires = value;
        return this;
    }

    /**
     * Sets {@code Plugin-Class}.
     *
     * @param className the plugin class
     * @return this
     */
    public PluginJarBuilder pluginClass(String className) {
        this.pluginClass = requireNonNull(className, "className is null");
        return this;
    }

    /**
     * Sets the file name (default {@code <id>-<version>.jar}, or {@code .zip}).
     *
     * @param name the file name
     * @return this
     */
    public PluginJarBuilder fileName(String name) {
        this.fileName = requireNonNull(name, "name is null");
        return this;
    }

    /**
     * Leaves the plugin descriptor out (no {@code Plugin-*} manifest attributes, no plugin.properties).
     *
     * @return this
     */
    public PluginJarBuilder withoutDescriptor() {
        this.descriptor = false;
        return this;
    }

    /**
     * Adds a main attribute to the jar manifest.
     *
     * @param name the attribute
     * @param value its value
     * @return this
     */
    public PluginJarBuilder manifestAttribute(String name, String value) {
        attributes.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return this;
    }

    /**
     * Adds a Java source holding one top-level class.
     *
     * @param className the fully qualified class name
     * @param code the source
     * @return this
     */
    public PluginJarBuilder source(String className, String code) {
        sources.put(requireNonNull(className, "className is null"), requireNonNull(code, "code is null"));
        return this;
    }

    /**
     * Lists a class in {@code META-INF/extensions.idx} by hand; once used, the index the annotation
     * processor wrote is dropped.
     *
     * @param className the extension class name
     * @return this
     */
    public PluginJarBuilder extension(String className) {
        extensions.add(requireNonNull(className, "className is null"));
        return this;
    }

    /**
     * Copies the class file of a class on the test class path into the plugin, as a plugin that
     * wrongly bundles a library (for example the SPI) would.
     *
     * @param type the class to bundle
     * @return this
     */
    public PluginJarBuilder bundle(Class<?> type) {
        bundled.add(requireNonNull(type, "type is null"));
        return this;
    }

    /**
     * Compiles the sources of many plugins in one compiler run, so that their later builds only
     * write files.
     *
     * @param builders the plugins a test class will build
     */
    public static void compileTogether(Collection<PluginJarBuilder> builders) {
        TestCompiler.compileTogether(builders.stream().map(PluginJarBuilder::sourceSet).collect(Collectors.toList()));
    }

    /**
     * Builds a jar plugin.
     *
     * @param directory where to put the jar
     * @return the jar
     */
    public Path buildInto(Path directory) {
        Path jar = directory.resolve(fileName != null ? fileName : pluginId + "-" + version + ".jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (descriptor) {
            main.putValue("Plugin-Id", pluginId);
            main.putValue("Plugin-Version", version);
            if (requires != null) {
                main.putValue("Plugin-Requires", requires);
            }
            if (pluginClass != null) {
                main.putValue("Plugin-Class", pluginClass);
            }
        }
        attributes.forEach(main::putValue);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            writeClasses(zip, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /**
     * Builds a zip plugin in pf4j's layout: {@code plugin.properties} at the root, classes under
     * {@code classes/}.
     *
     * @param directory where to put the zip
     * @return the zip
     */
    public Path buildZipInto(Path directory) {
        Path file = directory.resolve(fileName != null ? fileName : pluginId + "-" + version + ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            if (descriptor) {
                StringBuilder properties = new StringBuilder()
                        .append("plugin.id=").append(pluginId).append('\n')
                        .append("plugin.version=").append(version).append('\n');
                if (requires != null) {
                    properties.append("plugin.requires=").append(requires).append('\n');
                }
                if (pluginClass != null) {
                    properties.append("plugin.class=").append(pluginClass).append('\n');
                }
                zip.putNextEntry(new ZipEntry("plugin.properties"));
                zip.write(properties.toString().getBytes(StandardCharsets.ISO_8859_1));
                zip.closeEntry();
            }
            writeClasses(zip, "classes/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Writes a file with a {@code .jar} name that is not a zip archive.
     *
     * @param directory where to put it
     * @param name the file name
     * @return the file
     */
    public static Path corruptJar(Path directory, String name) {
        Path jar = directory.resolve(name);
        try {
            // a local file header signature followed by garbage: looks like a zip, is not one
            Files.write(jar, "PK\u0003\u0004 this is not really a zip archive".getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private SourceSet sourceSet() {
        return new SourceSet(sources, extensions.isEmpty());
    }

    private void writeClasses(ZipOutputStream zip, String prefix) throws IOException {
        Path classes = TestCompiler.classes(sourceSet());
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                zip.putNextEntry(new ZipEntry(prefix + classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        if (!extensions.isEmpty()) {
            zip.putNextEntry(new ZipEntry(prefix + TestCompiler.EXTENSIONS_INDEX));
            zip.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        for (Class<?> type : bundled) {
            String name = type.getName().replace('.', '/') + ".class";
            try (InputStream in = requireNonNull(type.getClassLoader().getResourceAsStream(name), name)) {
                zip.putNextEntry(new ZipEntry(prefix + name));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
    }
}
