package dev.multipool.host.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.multipool.api.Family;
import dev.multipool.host.manager.MultiPoolManager;
import dev.multipool.host.restore.StandaloneHost.Allocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored allocation whose CIDR is no longer delegated when the host restarts is neither dropped
 * nor handed out: it is reported (log, {@code /v1/consumers/{id}}, metric), its address stays
 * reserved for its owner, and it is placed when the operator delegates its CIDR again.
 */
class DeferredRestoreTest {

    @TempDir
    Path root;

    private final ListAppender<ILoggingEvent> managerLog = new ListAppender<>();

    @BeforeEach
    void captureManagerLog() {
        managerLog.start();
        ((Logger) LoggerFactory.getLogger(MultiPoolManager.class)).addAppender(managerLog);
    }

    @AfterEach
    void releaseManagerLog() {
        ((Logger) LoggerFactory.getLogger(MultiPoolManager.class)).detachAppender(managerLog);
    }

    @Test
    void M41_recordOutsideTheDelegatedCidrsIsReservedReportedAndPlacedWhenItsCidrIsDelegatedAgain() throws IOException {
        Map<String, String> stored = new LinkedHashMap<>();
        try (StandaloneHost host = new StandaloneHost(root).start()) {
            for (int i = 0; i < 3; i++) {
                Allocation allocation = host.allocate("kept-" + i);
                stored.put(allocation.ip(), allocation.owner());
            }
            assertThat(host.allocatedInNodeFile()).containsExactly("10.20.0.0/27");
        }
        // while the host was down, the node's block changed: 10.20.0.0/27 is no longer delegated
        StandaloneHost restarted = new StandaloneHost(root);
        moveNodeToBlock(restarted.nodeFile(), "10.20.0.32/27");

        try (StandaloneHost host = restarted.start()) {
            Map<String, String> expectedDeferred = new LinkedHashMap<>();
            stored.forEach((ip, owner) -> expectedDeferred.put("default/" + ip, owner));
            JsonNode detail = host.detail();
            assertThat(detail.at("/restore/ipv4").asString()).isEqualTo("finished");
            assertThat(asMap(detail.get("deferred-restores"))).isEqualTo(expectedDeferred);
            assertThat(detail.get("warnings").toString())
                    .contains("3 stored allocation(s) wait for their CIDR to be delegated again");
            assertThat(host.gauge("multipool_restore_deferred_records")).isEqualTo(3.0);
            assertThat(managerLog.list).filteredOn(e -> e.getLevel() == Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("deferring restore of IP " + stored.keySet().iterator().next()));
            for (String ip : stored.keySet()) {
                assertThat(host.post("/v1/consumers/keeper/ipam/" + ip + "?pool=default&owner=thief").status())
                        .as("specific allocation of reserved %s", ip).isNotIn(200, 201);
            }

            // demand grows (the reservations count) until the operator delegates 10.20.0.0/27 again
            int handedOut = 0;
            while (host.detail().get("deferred-restores").size() > 0) {
                assertThat(handedOut).as("allocations before the reserved CIDR came back").isLessThan(40);
                Allocation next = host.allocate("new-" + handedOut++);
                assertThat(stored).doesNotContainKey(next.ip());
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(host.allocatedInNodeFile()).contains("10.20.0.0/27", "10.20.0.32/27"));
            assertThat(host.allocations(Family.IPV4)).containsAllEntriesOf(stored);
            assertThat(host.gauge("multipool_restore_deferred_records")).isEqualTo(0.0);
            assertThat(host.detail().get("warnings").toString()).doesNotContain("wait for their CIDR");
            assertThat(managerLog.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).contains("restored deferred IP"));

            // the rest of the returned block goes to new owners, never the reserved addresses
            for (int i = 0; i < 10; i++) {
                assertThat(stored).doesNotContainKey(host.allocate("after-" + i).ip());
            }
            assertThat(host.allocations(Family.IPV4)).containsAllEntriesOf(stored);
        }
    }

    private static void moveNodeToBlock(Path nodeFile, String cidr) throws IOException {
        ObjectNode node = (ObjectNode) StandaloneHost.JSON.readTree(nodeFile.toFile());
        ObjectNode allocated = ((ObjectNode) node.at("/spec/ipam/pools/allocated/0"));
        assertThat(allocated.get("pool").asString()).isEqualTo("default");
        allocated.putArray("cidrs").add(cidr);
        Files.writeString(nodeFile, StandaloneHost.JSON.writeValueAsString(node));
    }

    private static Map<String, String> asMap(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        return map;
    }
}
