package dev.multipool.plugins.pod.selection;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What pool selection reads of a namespace.
 *
 * @param name the namespace's name
 * @param labels its labels
 * @param annotations its annotations
 */
public record NamespaceMeta(String name, Map<String, String> labels, Map<String, String> annotations) {

    /** Validates and copies the parts. */
    public NamespaceMeta {
        requireNonNull(name, "name is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        annotations = Map.copyOf(requireNonNull(annotations, "annotations is null"));
    }
}
