package dev.multipool.host.node.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.ResourceDocument;
import dev.multipool.host.json.Documents;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResourceDocumentConverterTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ResourceDocumentConverter converter = new ResourceDocumentConverter(serialization);

    private static ResourceDocument node() {
        Map<String, Object> spec = new HashMap<>();
        spec.put("addresses", List.of(Map.of("type", "InternalIP", "ip", "192.0.2.10")));
        spec.put("nodeidentity", 4_294_967_296L);
        spec.put("ipam", Map.of("pools", Map.of("requested", List.of(Map.of("pool", "default",
                        "needed", Map.of("ipv4-addrs", 16)))),
                "future", Map.of("huge", new BigInteger("1180591620717411303424"), "ratio", 0.25,
                        "flags", List.of(true, false), "text", "x")));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("ipv6", null);
        spec.put("nested", withNull);
        return ResourceDocument.of(Map.of(
                "apiVersion", "cilium.io/v2",
                "kind", "CiliumNode",
                "metadata", Map.of("name", "worker-1", "resourceVersion", "42", "generation", 3,
                        "labels", Map.of("a", "b"), "annotations", Map.of("c", "d"),
                        "x-unknown-metadata", Map.of("kept", true)),
                "spec", spec,
                "status", Map.of("ipam", Map.of("operator-status", Map.of("error", ""))),
                "x-unknown-top-level", List.of(1, 2.5)));
    }

    @Test
    @DisplayName("a document survives the trip through fabric8's object unchanged, unknown fields and numbers included")
    void roundTrip() {
        ResourceDocument document = node();
        GenericKubernetesResource resource = converter.toResource(document);
        assertThat(resource.getMetadata().getName()).isEqualTo("worker-1");
        assertThat(resource.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(converter.toDocument(resource)).isEqualTo(document);
    }

    @Test
    @DisplayName("the JSON fabric8 sends for the object means the same as the document")
    void wireFormMatches() {
        ResourceDocument document = node();
        String json = serialization.asJson(converter.toResource(document));
        assertThat(Documents.fromJson(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(document);
    }
}
