package dev.multipool.host.node.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ResourceDocument;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/**
 * Converts between fabric8's {@link GenericKubernetesResource} and the SPI's neutral
 * {@link ResourceDocument}, keeping every field, including ones no model knows.
 *
 * <p>Both directions go through the client's own Jackson 3 mapper as a tree of maps: fields fabric8
 * does not model travel in {@code additionalProperties} (at the top level and inside
 * {@code metadata}), so nothing is dropped. Numbers are normalised the way {@link ResourceDocument}
 * does (integers as {@code Long}, others as {@code Double}), so equal JSON gives equal documents.
 * Empty {@code metadata} collections (for example {@code labels: {}}) are omitted by fabric8's
 * model; they mean the same as absent ones.
 */
public final class ResourceDocumentConverter {

    private final KubernetesSerialization serialization;

    /**
     * Creates a converter.
     *
     * @param serialization the client's serialization ({@code client.getKubernetesSerialization()})
     */
    public ResourceDocumentConverter(KubernetesSerialization serialization) {
        this.serialization = requireNonNull(serialization, "serialization is null");
    }

    /**
     * Returns the neutral view of a fabric8 object.
     *
     * @param resource the object
     * @return the document
     */
    @SuppressWarnings("unchecked")
    public ResourceDocument toDocument(GenericKubernetesResource resource) {
        requireNonNull(resource, "resource is null");
        Map<String, Object> tree = serialization.convertValue(resource, Map.class);
        return ResourceDocument.of(tree);
    }

    /**
     * Returns the fabric8 object for a document.
     *
     * @param document the document
     * @return a new object
     */
    public GenericKubernetesResource toResource(ResourceDocument document) {
        requireNonNull(document, "document is null");
        return serialization.convertValue(document.asMap(), GenericKubernetesResource.class);
    }
}
