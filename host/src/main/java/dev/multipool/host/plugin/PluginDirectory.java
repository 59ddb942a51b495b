package dev.multipool.host.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists what the plugins directory holds: every entry is a plugin candidate, reported either way. */
final class PluginDirectory {

    private static final Logger log = LoggerFactory.getLogger(PluginDirectory.class);

    private PluginDirectory() {
    }

    /**
     * Lists the entries in file name order, skipping hidden ones and the directories pf4j expanded
     * zips into ({@code a.zip} becomes {@code a/}: that directory is the zip's plugin, not another one).
     *
     * @param pluginsDir the plugins directory
     * @return one entry per candidate; none if the directory does not exist
     */
    static List<PluginEntry> entries(Path pluginsDir) {
        if (!Files.isDirectory(pluginsDir)) {
            log.warn("Plugins directory {} does not exist: no consumers are loaded", pluginsDir);
            return List.of();
        }
        List<Path> paths;
        try (Stream<Path> listing = Files.list(pluginsDir)) {
            paths = listing.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins directory " + pluginsDir, e);
        }
        Set<String> zipStems = paths.stream().map(p -> p.getFileName().toString())
                .filter(PluginDirectory::isZip)
                .map(name -> name.substring(0, name.length() - ".zip".length()))
                .collect(Collectors.toSet());
        return paths.stream()
                .filter(p -> !(Files.isDirectory(p) && zipStems.contains(p.getFileName().toString())))
                .map(PluginEntry::new)
                .toList();
    }

    static boolean isZip(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    static boolean isJar(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".jar");
    }
}
