package dev.multipool.host.json;

import dev.multipool.api.ResourceDocument;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads and writes {@link ResourceDocument}s as JSON and YAML text, with one shared mapper each. */
public final class Documents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() { };

    private Documents() {
    }

    /**
     * Parses one JSON object.
     *
     * @param json the text
     * @return the document
     * @throws IllegalArgumentException if the text is not one JSON object
     */
    public static ResourceDocument fromJson(byte[] json) {
        try {
            return ResourceDocument.of(JSON.readValue(json, TREE));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a document as compact JSON.
     *
     * @param document the document
     * @return UTF-8 JSON
     */
    public static byte[] toJson(ResourceDocument document) {
        return JSON.writeValueAsBytes(document.asMap());
    }

    /**
     * Parses every document of a YAML stream ({@code ---} separated); empty documents are skipped.
     *
     * @param yaml the stream
     * @return the documents in order
     * @throws IllegalArgumentException if the text is not YAML objects
     */
    public static List<ResourceDocument> fromYamlStream(InputStream yaml) {
        List<ResourceDocument> out = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> documents = YAML.readerFor(TREE).readValues(yaml)) {
            while (documents.hasNextValue()) {
                Map<String, Object> tree = documents.nextValue();
                if (tree != null && !tree.isEmpty()) {
                    out.add(ResourceDocument.of(tree));
                }
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid YAML: " + e.getOriginalMessage(), e);
        }
        return out;
    }

    /**
     * Returns the shared JSON mapper (thread-safe).
     *
     * @return the mapper
     */
    public static JsonMapper json() {
        return JSON;
    }
}
