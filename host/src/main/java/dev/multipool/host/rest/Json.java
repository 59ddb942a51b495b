package dev.multipool.host.rest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** The one JSON mapper of the REST API; bodies are built as trees so key names are exact. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /**
     * Returns a new empty object.
     *
     * @return the object
     */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Returns a new empty array.
     *
     * @return the array
     */
    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * Serialises a tree.
     *
     * @param node the body
     * @return UTF-8 JSON
     */
    static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /**
     * Serialises an error message as Cilium's {@code Error} model: a JSON string.
     *
     * @param message the message
     * @return UTF-8 JSON, for example {@code "pool name must be provided"}
     */
    static byte[] error(String message) {
        return bytes(StringNode.valueOf(message == null ? "" : message));
    }
}
