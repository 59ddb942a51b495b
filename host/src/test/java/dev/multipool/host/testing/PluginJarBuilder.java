package dev.multipool.host.testing;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.IpamConsumer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.pf4j.Plugin;
import org.slf4j.Logger;

/**
 * Builds real pf4j plugin jars at test time: compiles Java sources against the SPI (and pf4j and
 * slf4j, as a plugin with {@code provided} scopes would), indexes the extensions, and writes a jar
 * with the plugin manifest. By default pf4j's own annotation processor writes
 * {@code META-INF/extensions.idx} from the {@code @Extension} annotations, as in a real plugin build;
 * {@link #extension} writes the index by hand instead (for example to name a class that does not exist).
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.plugin("demo")
 *         .source("demo.DemoConsumer", "package demo; ... @Extension public class DemoConsumer implements IpamConsumer {...}")
 *         .buildInto(pluginsDir);
 * }</pre>
 */
public final class PluginJarBuilder {

    /** The range the in-tree plugins declare; matches the SPI the tests run with. */
    public static final String SPI_RANGE = ">=1.0.0 & <2.0.0";

    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    /** Shared across builds: it caches the class path archives, which makes each compile cheap. */
    private static final StandardJavaFileManager FILES = COMPILER.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    private static final Map<String, Path> COMPILED = new HashMap<>();
    private static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";
    private static final Path CACHE_ROOT = cacheRoot();

    private final String pluginId;
    private String version = "1.0.0";
    private String requires = SPI_RANGE;
    private String pluginClass;
    private String fileName;
    private boolean descriptor = true;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Set<String> extensions = new LinkedHashSet<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
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

    /** Sets {@code Plugin-Version} (default {@code 1.0.0}). @param value the version @return this */
    public PluginJarBuilder version(String value) {
        this.version = requireNonNull(value, "value is null");
        return this;
    }

    /** Sets {@code Plugin-Requires} (default {@link #SPI_RANGE}); null leaves it out. @param value the range @return this */
    public PluginJarBuilder requires(String value) {
        this.requires = value;
        return this;
    }

    /** Sets {@code Plugin-Class}. @param className the plugin class @return this */
    public PluginJarBuilder pluginClass(String className) {
        this.pluginClass = requireNonNull(className, "className is null");
        return this;
    }

    /** Sets the jar's file name (default {@code <id>-<version>.jar}). @param name the file name @return this */
    public PluginJarBuilder fileName(String name) {
        this.fileName = requireNonNull(name, "name is null");
        return this;
    }

    /** Leaves every {@code Plugin-*} attribute out of the manifest. @return this */
    public PluginJarBuilder withoutDescriptor() {
        this.descriptor = false;
        return this;
    }

    /** Adds a manifest main attribute. @param name the attribute @param value its value @return this */
    public PluginJarBuilder manifestAttribute(String name, String value) {
        attributes.put(requireNonNull(name, "name is null"), requireNonNull(value, "value is null"));
        return this;
    }

    /** Adds a Java source. @param className the fully qualified class name @param code the source @return this */
    public PluginJarBuilder source(String className, String code) {
        sources.put(requireNonNull(className, "className is null"), requireNonNull(code, "code is null"));
        return this;
    }

    /**
     * Lists a class in {@code META-INF/extensions.idx} by hand; once used, the annotation processor
     * does not run.
     *
     * @param className the extension class name
     * @return this
     */
    public PluginJarBuilder extension(String className) {
        extensions.add(requireNonNull(className, "className is null"));
        return this;
    }

    /** Adds a text resource. @param path the path inside the jar @param content the text @return this */
    public PluginJarBuilder resource(String path, String content) {
        resources.put(requireNonNull(path, "path is null"), requireNonNull(content, "content is null"));
        return this;
    }

    /**
     * Copies the class file of a class on the test class path into the jar, as a plugin that
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
     * Compiles the sources and writes the jar.
     *
     * @param directory where to put the jar
     * @return the jar
     */
    public Path buildInto(Path directory) {
        try {
            Path classes = Files.createTempDirectory("plugin-classes-");
            try {
                copyTree(compiled(), classes);
                if (!extensions.isEmpty()) {
                    write(classes.resolve(EXTENSIONS_INDEX), String.join("\n", extensions) + "\n");
                }
                for (Class<?> type : bundled) {
                    String name = type.getName().replace('.', '/') + ".class";
                    try (var in = type.getClassLoader().getResourceAsStream(name)) {
                        Path target = classes.resolve(name);
                        Files.createDirectories(target.getParent());
                        Files.copy(requireNonNull(in, name), target);
                    }
                }
                for (Map.Entry<String, String> resource : resources.entrySet()) {
                    write(classes.resolve(resource.getKey()), resource.getValue());
                }
                Path jar = directory.resolve(fileName != null ? fileName : pluginId + "-" + version + ".jar");
                writeJar(classes, jar);
                return jar;
            } finally {
                deleteTree(classes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            byte[] bytes = "PK\u0003\u0004 this is not really a zip archive".getBytes(StandardCharsets.ISO_8859_1);
            Files.write(jar, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /**
     * Compiles the sources of many plugins in one compiler run (much faster than one run per
     * plugin), so that their later {@link #buildInto} calls only write jars. Plugins whose class
     * names clash are compiled in separate runs. Each source must hold one top-level class.
     *
     * @param builders the plugins a test class will build
     */
    public static void compileTogether(Collection<PluginJarBuilder> builders) {
        synchronized (COMPILED) {
            Map<String, PluginJarBuilder> todo = new LinkedHashMap<>();
            for (PluginJarBuilder builder : builders) {
                if (!builder.sources.isEmpty() && !COMPILED.containsKey(builder.key())) {
                    todo.putIfAbsent(builder.key(), builder);
                }
            }
            List<List<PluginJarBuilder>> groups = new ArrayList<>();
            for (PluginJarBuilder builder : todo.values()) {
                List<PluginJarBuilder> group = groups.stream()
                        .filter(g -> g.stream().noneMatch(other -> !Collections.disjoint(other.sources.keySet(), builder.sources.keySet())))
                        .findFirst().orElse(null);
                if (group == null) {
                    group = new ArrayList<>();
                    groups.add(group);
                }
                group.add(builder);
            }
            try {
                for (List<PluginJarBuilder> group : groups) {
                    compileGroup(group);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void compileGroup(List<PluginJarBuilder> group) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        group.forEach(builder -> sources.putAll(builder.sources));
        Path out = Files.createDirectory(CACHE_ROOT.resolve("g" + COMPILED.size() + "-" + System.nanoTime()));
        compile(out, sources, true, group.get(0).pluginId);
        Path index = out.resolve(EXTENSIONS_INDEX);
        List<String> indexed = Files.exists(index) ? Files.readAllLines(index) : List.of();
        for (PluginJarBuilder builder : group) {
            Path classes = Files.createDirectory(CACHE_ROOT.resolve("c" + COMPILED.size()));
            for (String className : builder.sources.keySet()) {
                String path = className.replace('.', '/');
                Path dir = out.resolve(path).getParent();
                String simple = out.resolve(path).getFileName().toString();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().equals(simple + ".class")
                            || f.getFileName().toString().startsWith(simple + "$")).collect(Collectors.toList())) {
                        Path target = classes.resolve(out.relativize(file).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target);
                    }
                }
            }
            if (builder.extensions.isEmpty()) {
                List<String> own = indexed.stream().filter(builder.sources::containsKey).collect(Collectors.toList());
                if (!own.isEmpty()) {
                    write(classes.resolve(EXTENSIONS_INDEX), String.join("\n", own) + "\n");
                }
            }
            COMPILED.put(builder.key(), classes);
        }
    }

    private String key() {
        return extensions.isEmpty() + "\u0000" + sources;
    }

    /** Compiles the sources once per distinct set of sources; tests reuse the classes. */
    private Path compiled() throws IOException {
        synchronized (COMPILED) {
            Path cached = COMPILED.get(key());
            if (cached == null) {
                cached = Files.createDirectory(CACHE_ROOT.resolve("c" + COMPILED.size()));
                compile(cached, sources, extensions.isEmpty(), pluginId);
                COMPILED.put(key(), cached);
            }
            return cached;
        }
    }

    private static void compile(Path classes, Map<String, String> sources, boolean processor, String pluginId) {
        if (sources.isEmpty()) {
            return;
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new Source(name, code)));
        // the running JDK's language level: the classes only ever run in this JVM
        List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classPath(), "-Xlint:none"));
        if (processor) {
            options.addAll(List.of("-processor", "org.pf4j.processor.ExtensionAnnotationProcessor"));
        } else {
            options.add("-proc:none");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Boolean ok = COMPILER.getTask(null, FILES, diagnostics, options, null, units).call();
        if (!Boolean.TRUE.equals(ok)) {
            throw new IllegalStateException("plugin " + pluginId + " does not compile: " + diagnostics.getDiagnostics());
        }
    }

    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(IpamConsumer.class, Plugin.class, Logger.class)) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            try {
                entries.add(Path.of(source.getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private void writeJar(Path classes, Path jar) throws IOException {
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
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                jarOut.putNextEntry(new JarEntry(name));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }

    private static Path cacheRoot() {
        try {
            Path root = Files.createTempDirectory("plugin-jar-builder-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deleteTree(root);
                } catch (IOException e) {
                    // a temporary directory left behind; nothing else to do at exit
                }
            }));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A source held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
