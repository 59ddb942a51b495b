package dev.multipool.plugins.pod.selection;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What pool selection reads of a pod.
 *
 * @param namespace the namespace
 * @param name the name
 * @param labels the pod's labels
 * @param annotations the pod's annotations
 */
public record PodMeta(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {

    /** Validates and copies the parts. */
    public PodMeta {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
        annotations = Map.copyOf(requireNonNull(annotations, "annotations is null"));
    }
}
