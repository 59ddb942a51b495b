package dev.multipool.host.pools.standalone;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.json.Documents;
import dev.multipool.host.pools.StaticPoolCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pool objects of standalone mode: a YAML file of CiliumPodIPPool / CiliumResourceIPPool
 * objects (or any kind of the same shape), separated by {@code ---} or wrapped in a {@code List}.
 * Every object is validated when the file is loaded, so a typo stops the host at start with a
 * message naming the file and the object.
 */
public final class StandalonePoolFile {

    private final Path path;
    private final List<ResourceDocument> objects;

    private StandalonePoolFile(Path path, List<ResourceDocument> objects) {
        this.path = path;
        this.objects = List.copyOf(objects);
    }

    /**
     * Loads and validates the file.
     *
     * @param path the YAML file
     * @return the loaded file
     * @throws IllegalArgumentException naming the file and object when the file is missing, is not
     *     YAML, or holds an invalid pool
     */
    public static StandalonePoolFile load(Path path) {
        requireNonNull(path, "path is null");
        List<ResourceDocument> documents;
        try (InputStream in = Files.newInputStream(path)) {
            documents = Documents.fromYamlStream(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read pool file " + path + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool file " + path + ": " + e.getMessage(), e);
        }
        List<ResourceDocument> objects = new ArrayList<>();
        for (ResourceDocument document : documents) {
            if ("List".equals(document.getString("kind").orElse(""))) {
                for (Object item : document.getList("items").orElse(List.of())) {
                    objects.add(asObject(path, item));
                }
            } else {
                objects.add(document);
            }
        }
        for (int i = 0; i < objects.size(); i++) {
            ResourceDocument object = objects.get(i);
            String where = "pool file " + path + ", object " + (i + 1);
            String apiVersion = object.getString("apiVersion").orElse("");
            String kind = object.getString("kind").orElse("");
            if (apiVersion.isEmpty() || kind.isEmpty()) {
                throw new IllegalArgumentException(where + ": apiVersion and kind are required");
            }
            try {
                PoolDefinition.parse(kindOf(object), object);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + kind + "): " + e.getMessage(), e);
            }
        }
        return new StandalonePoolFile(path, objects);
    }

    private static ResourceDocument asObject(Path path, Object item) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("pool file " + path + ": List items must be objects");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> tree = (Map<String, ?>) map;
        return ResourceDocument.of(tree);
    }

    private static PoolKind kindOf(ResourceDocument object) {
        String apiVersion = object.getString("apiVersion").orElseThrow();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        String kind = object.getString("kind").orElseThrow();
        return new PoolKind(group, version, kind, kind.toLowerCase(Locale.ROOT) + "s");
    }

    /**
     * Returns the catalog of one kind: the file's objects with that kind and apiVersion group.
     * Objects of other versions of the same group and kind are accepted too, since standalone
     * mode has no conversion between versions.
     *
     * @param kind the kind
     * @return the catalog
     */
    public StaticPoolCatalog catalog(PoolKind kind) {
        List<PoolDefinition> pools = new ArrayList<>();
        for (ResourceDocument object : objects) {
            PoolKind objectKind = kindOf(object);
            if (objectKind.group().equals(kind.group()) && objectKind.kind().equals(kind.kind())) {
                pools.add(PoolDefinition.parse(kind, object));
            }
        }
        try {
            return new StaticPoolCatalog(kind, pools);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pool file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the file this was loaded from.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }
}
