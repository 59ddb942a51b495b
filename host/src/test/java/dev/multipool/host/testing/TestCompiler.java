package dev.multipool.host.testing;

import dev.multipool.api.IpamConsumer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Compiles plugin sources in this JVM against the SPI, pf4j and slf4j (what a plugin gets with
 * {@code provided} scope), running pf4j's annotation processor. Results are cached per source set
 * for the life of the test JVM, and many source sets can be compiled in one compiler run.
 */
final class TestCompiler {

    /** The index pf4j's annotation processor writes. */
    static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";

    private static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    /** Shared across runs: it caches the class path archives, which makes each run cheap. */
    private static final StandardJavaFileManager FILES = COMPILER.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    private static final Map<SourceSet, Path> COMPILED = new HashMap<>();
    private static final Path CACHE_ROOT = cacheRoot();

    /**
     * The sources of one plugin.
     *
     * @param sources Java source by fully qualified class name (one top-level class each)
     * @param indexed whether to keep the extension index the annotation processor writes
     */
    record SourceSet(Map<String, String> sources, boolean indexed) {
        SourceSet {
            sources = Map.copyOf(sources);
        }
    }

    private TestCompiler() {
    }

    /**
     * Returns the compiled classes of a source set, compiling it if no earlier call did.
     *
     * @param set the sources
     * @return a directory of class files (and the extension index); do not modify it
     */
    static Path classes(SourceSet set) {
        synchronized (COMPILED) {
            if (!COMPILED.containsKey(set)) {
                compileTogether(List.of(set));
            }
            return COMPILED.get(set);
        }
    }

    /**
     * Compiles many source sets in as few compiler runs as their class names allow.
     *
     * @param sets the sources
     */
    static void compileTogether(Collection<SourceSet> sets) {
        synchronized (COMPILED) {
            List<List<SourceSet>> groups = new ArrayList<>();
            for (SourceSet set : new LinkedHashSet<>(sets)) {
                if (COMPILED.containsKey(set)) {
                    continue;
                }
                List<SourceSet> group = groups.stream()
                        .filter(g -> g.stream().allMatch(other -> Collections.disjoint(other.sources().keySet(), set.sources().keySet())))
                        .findFirst().orElse(null);
                if (group == null) {
                    group = new ArrayList<>();
                    groups.add(group);
                }
                group.add(set);
            }
            try {
                for (List<SourceSet> group : groups) {
                    compileGroup(group);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void compileGroup(List<SourceSet> group) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        group.forEach(set -> sources.putAll(set.sources()));
        Path out = Files.createDirectory(CACHE_ROOT.resolve("run" + COMPILED.size() + "-" + System.nanoTime()));
        if (!sources.isEmpty()) {
            compile(out, sources);
        }
        Path index = out.resolve(EXTENSIONS_INDEX);
        List<String> indexed = Files.exists(index) ? Files.readAllLines(index) : List.of();
        for (SourceSet set : group) {
            Path classes = Files.createDirectory(CACHE_ROOT.resolve("set" + COMPILED.size()));
            for (String className : set.sources().keySet()) {
                copyClassFiles(out, className, classes);
            }
            List<String> own = indexed.stream().filter(set.sources()::containsKey).collect(Collectors.toList());
            if (set.indexed() && !own.isEmpty()) {
                Path target = classes.resolve(EXTENSIONS_INDEX);
                Files.createDirectories(target.getParent());
                Files.writeString(target, String.join("\n", own) + "\n");
            }
            COMPILED.put(set, classes);
        }
    }

    private static void compile(Path out, Map<String, String> sources) {
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new Source(name, code)));
        // the running JDK's language level: the classes only ever run in this JVM
        List<String> options = List.of("-d", out.toString(), "-classpath", classPath(), "-Xlint:none",
                "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Boolean ok = COMPILER.getTask(null, FILES, diagnostics, options, null, units).call();
        if (!Boolean.TRUE.equals(ok)) {
            throw new IllegalStateException("plugin sources " + sources.keySet() + " do not compile: "
                    + diagnostics.getDiagnostics());
        }
    }

    private static void copyClassFiles(Path out, String className, Path classes) throws IOException {
        Path source = out.resolve(className.replace('.', '/'));
        String simple = source.getFileName().toString();
        try (Stream<Path> files = Files.list(source.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().equals(simple + ".class")
                    || f.getFileName().toString().startsWith(simple + "$")).collect(Collectors.toList())) {
                Path target = classes.resolve(out.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(IpamConsumer.class, Plugin.class, Logger.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path cacheRoot() {
        try {
            Path root = Files.createTempDirectory("plugin-classes-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory left behind; nothing more to do
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
