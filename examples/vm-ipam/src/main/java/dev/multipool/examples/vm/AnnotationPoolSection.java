package dev.multipool.examples.vm;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.InvalidPoolSectionException;
import dev.multipool.api.PoolSection;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.ResourceDocument;
import java.util.List;
import java.util.Map;

/**
 * Keeps a consumer's pool section in an annotation of the CiliumNode, as compact JSON of Cilium's
 * {@code IPAMPoolSpec} shape: {@code {"requested":[{"pool":..,"needed":{..}}],"allocated":[{"pool":..,"cidrs":[..]}]}}.
 *
 * <p>Why an annotation: Cilium's CiliumNode schema is structural and marks no field with
 * {@code x-kubernetes-preserve-unknown-fields}, so an API server prunes any field it does not
 * know, for example {@code spec.ipam.vmpools}. Annotations are free-form strings every API server
 * keeps. The shape inside is the same as {@code spec.ipam.pools}, converted by the SPI's own
 * {@link PoolSectionAccessor#atPath} accessor, so ordering and omission rules are Cilium's.
 */
public final class AnnotationPoolSection implements PoolSectionAccessor {

    private static final List<String> ANNOTATIONS = List.of("metadata", "annotations");

    private final String annotation;
    private final PoolSectionAccessor shape;

    /**
     * Creates the accessor.
     *
     * @param annotation the annotation key, for example {@code vm-ipam.example.multipool.dev/pools}
     */
    public AnnotationPoolSection(String annotation) {
        this.annotation = requireNonNull(annotation, "annotation is null");
        if (annotation.isEmpty()) {
            throw new IllegalArgumentException("annotation is empty");
        }
        // the key is the annotation itself, so the SPI's messages name it ("<annotation>.allocated[0].cidrs[1]: ...")
        this.shape = PoolSectionAccessor.atPath(annotation);
    }

    @Override
    public PoolSection read(ResourceDocument node) {
        Object value = node.get("metadata", "annotations", annotation).orElse(null);
        if (value == null) {
            return PoolSection.EMPTY;
        }
        if (!(value instanceof String text)) {
            throw new InvalidPoolSectionException(describe() + ": expected a string, found " + value, null);
        }
        Object tree;
        try {
            tree = SectionJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidPoolSectionException(describe() + ": not JSON " + e.getMessage(), null);
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new InvalidPoolSectionException(describe() + ": expected a JSON object, found " + text, null);
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> section = (Map<String, ?>) tree;
        return shape.read(ResourceDocument.of(Map.of(annotation, section)));
    }

    @Override
    public ResourceDocument write(ResourceDocument node, PoolSection section) {
        List<String> path = List.of(ANNOTATIONS.get(0), ANNOTATIONS.get(1), annotation);
        if (section.isEmpty()) {
            return node.without(path);
        }
        Object tree = shape.write(ResourceDocument.empty(), section).get(annotation).orElseThrow();
        return node.with(path, SectionJson.write(tree));
    }

    @Override
    public String describe() {
        return "metadata.annotations[" + annotation + "]";
    }

    @Override
    public String toString() {
        return "AnnotationPoolSection[" + annotation + "]";
    }
}
