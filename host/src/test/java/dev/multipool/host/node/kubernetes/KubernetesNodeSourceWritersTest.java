package dev.multipool.host.node.kubernetes;

import static dev.multipool.host.node.kubernetes.KubernetesNodeSourceFixture.NODE;
import static dev.multipool.host.node.kubernetes.KubernetesNodeSourceFixture.POOLS;
import static dev.multipool.host.node.kubernetes.KubernetesNodeSourceFixture.RESOURCE_POOLS;
import static dev.multipool.host.node.kubernetes.KubernetesNodeSourceFixture.WAIT;
import static dev.multipool.host.node.kubernetes.KubernetesNodeSourceFixture.bareNode;
import static dev.multipool.host.node.kubernetes.KubernetesNodeSourceFixture.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.testing.kubernetes.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of the same CiliumNode (the pod and DRA consumers, each with its own client here),
 * each changing only its own section with read-modify-write and conflict retry (ARCHITECTURE 5.3).
 */
class KubernetesNodeSourceWritersTest {

    @TempDir
    Path dir;
    MockApiServer api;
    KubernetesClient podClient;
    KubernetesClient draClient;
    KubernetesNodeSource pod;
    KubernetesNodeSource dra;

    @BeforeEach
    void start() {
        api = MockApiServer.start(dir);
        api.createCiliumNode(bareNode());
        podClient = api.newHostClient();
        draClient = api.newHostClient();
        pod = new KubernetesNodeSource(podClient, NODE);
        dra = new KubernetesNodeSource(draClient, NODE);
        pod.start(new RecordingNodeListener());
        dra.start(new RecordingNodeListener());
        await().atMost(WAIT).until(() -> pod.current().isPresent() && dra.current().isPresent());
    }

    @AfterEach
    void stop() {
        pod.close();
        dra.close();
        podClient.close();
        draClient.close();
        api.close();
    }

    /** Writes one section from the freshest copy, retrying conflicts; returns how many it met. */
    static int writeSection(KubernetesNodeSource source, ResourceDocument base, List<String> path, Object value) {
        ResourceDocument node = base;
        for (int conflicts = 0; conflicts < 100; conflicts++) {
            try {
                source.replace(node.with(path, value));
                return conflicts;
            } catch (NodeConflictException e) {
                node = source.fetch();
            }
        }
        throw new AssertionError("100 conflicts in a row writing " + path);
    }

    @Test
    @DisplayName("writers that read the same version: the second one conflicts, retries from the fresh copy, "
            + "and neither section is lost")
    void interleavedWritersKeepBothSections() {
        ResourceDocument podBase = pod.fetch();
        ResourceDocument draBase = dra.fetch();

        assertThat(writeSection(pod, podBase, POOLS, section("default", 8))).isZero();
        assertThat(writeSection(dra, draBase, RESOURCE_POOLS, section("sriov", 4))).isEqualTo(1);

        ResourceDocument stored = api.ciliumNode(NODE).orElseThrow();
        assertThat(stored.get("spec", "ipam", "pools")).contains(ResourceDocument.of(section("default", 8)).asMap());
        assertThat(stored.get("spec", "ipam", "resourcepools")).contains(ResourceDocument.of(section("sriov", 4)).asMap());
        assertThat(dra.status().conflicts()).isEqualTo(1);
        assertThat(pod.status().conflicts()).isZero();
    }

    @Test
    @DisplayName("concurrent writers with a third of the PUTs refused as conflicts end with each section "
            + "holding exactly what its owner wrote last")
    void concurrentWritersWithForcedConflicts() throws Exception {
        api.faults().conflicts(1.0 / 3, call -> call.method().equals("PUT"));
        int rounds = 12;
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Integer> podConflicts = CompletableFuture.supplyAsync(() -> writeRounds(pod, POOLS, "default", rounds, go));
        CompletableFuture<Integer> draConflicts = CompletableFuture.supplyAsync(() -> writeRounds(dra, RESOURCE_POOLS, "sriov", rounds, go));
        go.countDown();
        int podSeen = podConflicts.get(60, TimeUnit.SECONDS);
        int draSeen = draConflicts.get(60, TimeUnit.SECONDS);

        ResourceDocument stored = api.ciliumNode(NODE).orElseThrow();
        Object podLast = ResourceDocument.of(section("default", rounds)).asMap();
        Object draLast = ResourceDocument.of(section("sriov", rounds)).asMap();
        assertThat(stored.get("spec", "ipam", "pools")).contains(podLast);
        assertThat(stored.get("spec", "ipam", "resourcepools")).contains(draLast);
        assertThat(podSeen + draSeen).as("forced conflicts were met and retried").isGreaterThanOrEqualTo(rounds * 2 / 3);
        assertThat(pod.status().conflicts()).isEqualTo(podSeen);
        assertThat(dra.status().conflicts()).isEqualTo(draSeen);
        assertThat(pod.status().writes()).isEqualTo(rounds);
        assertThat(dra.status().writes()).isEqualTo(rounds);
        await().atMost(WAIT).until(() -> pod.current().equals(Optional.of(stored)) && dra.current().equals(Optional.of(stored)));
    }

    private static int writeRounds(KubernetesNodeSource source, List<String> path, String pool, int rounds, CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int conflicts = 0;
        for (int round = 1; round <= rounds; round++) {
            conflicts += writeSection(source, source.current().orElseThrow(), path, section(pool, round));
        }
        return conflicts;
    }
}
