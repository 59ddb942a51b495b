package dev.multipool.plugins.dra.claims;

import static dev.multipool.plugins.dra.testing.Claims.allocation;
import static dev.multipool.plugins.dra.testing.Claims.handle;
import static dev.multipool.plugins.dra.testing.Claims.nodeNamed;
import static dev.multipool.plugins.dra.testing.Claims.result;
import static dev.multipool.plugins.dra.testing.Claims.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.plugins.dra.testing.Claims;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatusBuilder;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClaimStatusWriterTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final DeviceStatusEntries entries = new DeviceStatusEntries("net.multipool.dev", Clock.systemUTC());
    private final AllocatedDeviceStatus ours = entries.served(new DeviceAssignment("eth1", "worker-1", "req",
            Optional.empty(), Map.of(), Optional.empty()), List.of("10.10.0.1/32"));
    private final AllocatedDeviceStatus foreign = new AllocatedDeviceStatusBuilder().withDriver("gpu.example.com")
            .withPool("gpu-pool").withDevice("gpu0").build();

    @BeforeEach
    void setUp() {
        server.expectCustomResource(Claims.CONTEXT);
        store(client, "c", allocation(nodeNamed("worker-1"), List.of(result("eth1", "net.multipool.dev", "worker-1", "req")),
                List.of()), List.of());
    }

    private void writeForeignEntry() {
        ResourceClaim latest = handle(client, "c").get();
        latest.getStatus().setDevices(new ArrayList<>(List.of(foreign)));
        client.dynamicResourceAllocation().v1().resourceClaims().inNamespace(Claims.NAMESPACE).resource(latest)
                .updateStatus();
    }

    private static final String STATUS_PATH = "/apis/resource.k8s.io/v1/namespaces/default/resourceclaims/c/status";

    /**
     * Answers the next status writes with 409, as a real API server does when the resourceVersion
     * carried is stale. (The CRUD mock does not check the resourceVersion on the status subresource.)
     */
    private void conflictOnNextStatusWrites(int times) {
        server.expect().put().withPath(STATUS_PATH)
                .andReturn(409, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "reason", "Conflict",
                        "code", 409, "message", "the object has been modified; please apply your changes to the latest version"))
                .times(times);
    }

    @Test
    @DisplayName("a 409 on the status write makes the writer read again and reapply its change, losing no other write")
    void conflictIsRetriedWithoutLosingTheOtherWrite() {
        AtomicInteger reads = new AtomicInteger();
        List<String> versionsRead = new ArrayList<>();
        List<String> versionsSent = new CopyOnWriteArrayList<>();
        try (KubernetesClient capturing = server.createClient(builder -> builder.withHttpClientBuilderConsumer(
                http -> http.addOrReplaceInterceptor("capture-status-writes", new Interceptor() {
                    @Override
                    public void before(BasicBuilder request, HttpRequest sent, RequestTags tags) {
                        if ("PUT".equals(sent.method()) && sent.uri().getPath().equals(STATUS_PATH)) {
                            versionsSent.add(Serialization.unmarshal(sent.bodyString(), ResourceClaim.class)
                                    .getMetadata().getResourceVersion());
                        }
                    }
                })))) {
            ClaimStatusWriter writer = new ClaimStatusWriter(capturing, claim -> {
                versionsRead.add(claim.getMetadata().getResourceVersion());
                if (reads.getAndIncrement() == 0) {
                    // another driver writes between our read and our write: ours carries a stale version
                    writeForeignEntry();
                    conflictOnNextStatusWrites(1);
                }
            });

            boolean exists = writer.update(new ClaimKey(Claims.NAMESPACE, "c"),
                    (fresh, current) -> entries.merge(current, Map.of(new DeviceRef("worker-1", "eth1"), ours), Set.of()));

            assertThat(exists).isTrue();
        }
        assertThat(reads).hasValue(2);
        assertThat(versionsRead.get(1)).isNotEqualTo(versionsRead.get(0));
        assertThat(versionsSent).containsExactlyElementsOf(versionsRead);
        assertThat(handle(client, "c").get().getStatus().getDevices()).containsExactly(foreign, ours);
    }

    @Test
    @DisplayName("a writer that always gets 409 gives up with the conflict after a bounded number of tries")
    void endlessConflictsFail() {
        conflictOnNextStatusWrites(ClaimStatusWriter.MAX_CONFLICTS);
        ClaimStatusWriter writer = new ClaimStatusWriter(client);

        assertThatThrownBy(() -> writer.update(new ClaimKey(Claims.NAMESPACE, "c"),
                (fresh, current) -> entries.merge(current, Map.of(new DeviceRef("worker-1", "eth1"), ours), Set.of())))
                .isInstanceOf(KubernetesClientException.class)
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
        assertThat(handle(client, "c").get().getStatus().getDevices()).isNullOrEmpty();
    }

    @Test
    @DisplayName("an unchanged list is not written; a missing claim reports false")
    void noWriteWithoutChangeAndMissingClaim() {
        ClaimStatusWriter writer = new ClaimStatusWriter(client);
        String before = handle(client, "c").get().getMetadata().getResourceVersion();

        assertThat(writer.update(new ClaimKey(Claims.NAMESPACE, "c"), (fresh, current) -> current)).isTrue();
        assertThat(handle(client, "c").get().getMetadata().getResourceVersion()).isEqualTo(before);
        assertThat(writer.update(new ClaimKey(Claims.NAMESPACE, "absent"), (fresh, current) -> current)).isFalse();
    }
}
