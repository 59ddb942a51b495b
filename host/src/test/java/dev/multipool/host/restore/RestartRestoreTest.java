package dev.multipool.host.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.host.restore.StandaloneHost.Allocation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Restart of a real host (standalone mode, plugin loaded from a jar): what the REST API
 * acknowledged before the restart is restored (spec M41, M42) and never handed out again.
 */
class RestartRestoreTest {

    @TempDir
    Path root;

    @Test
    void M41_restartKeepsEveryAllocationAndNewAllocationsNeverReturnAHeldAddress() throws IOException {
        Map<String, String> before = new LinkedHashMap<>();
        try (StandaloneHost host = new StandaloneHost(root).start()) {
            Allocation first = host.allocate("pod-0");
            before.put(first.ip(), first.owner());
            String specific = first.ip().equals("10.20.0.3") ? "10.20.0.4" : "10.20.0.3";
            assertThat(host.post("/v1/consumers/keeper/ipam/" + specific + "?pool=default&owner=fixed").status())
                    .isEqualTo(200);
            before.put(specific, "fixed");
            // 41 addresses: more than one /27 block holds, so the pool gets both blocks
            for (int i = 1; i < 40; i++) {
                Allocation allocation = host.allocate("pod-" + i);
                before.put(allocation.ip(), allocation.owner());
            }
            assertThat(host.allocations(Family.IPV4)).isEqualTo(before);
        }
        assertThat(before).hasSize(41);

        try (StandaloneHost host = new StandaloneHost(root).start()) {
            JsonNode detail = host.detail();
            assertThat(detail.at("/restore/ipv4").asString()).isEqualTo("finished");
            assertThat(detail.get("deferred-restores").isEmpty()).isTrue();
            assertThat(host.allocations(Family.IPV4)).isEqualTo(before);
            assertThat(host.allocatedInNodeFile()).containsExactlyInAnyOrder("10.20.0.0/27", "10.20.0.32/27");

            Set<String> handedOut = new HashSet<>();
            for (int i = 0; i < 15; i++) {
                handedOut.add(host.allocate("new-" + i).ip());
            }
            assertThat(handedOut).hasSize(15).doesNotContainAnyElementsOf(before.keySet());
            for (String held : List.copyOf(before.keySet()).subList(0, 5)) {
                assertThat(host.post("/v1/consumers/keeper/ipam/" + held + "?pool=default&owner=thief").status())
                        .as("specific allocation of held %s", held).isEqualTo(409);
            }
            assertThat(host.allocations(Family.IPV4)).containsAllEntriesOf(before);
        }
    }

    @Test
    void M41_recordsOfAFamilyDisabledAtRestartAreKeptOnDiskReportedAndRestoredWhenItIsEnabledAgain()
            throws IOException {
        Allocation v4;
        Allocation v6;
        try (StandaloneHost host = new StandaloneHost(root).ipv6(true).start()) {
            v4 = host.allocate("dual", Family.IPV4, false);
            v6 = host.allocate("dual", Family.IPV6, false);
        }

        try (StandaloneHost host = new StandaloneHost(root).ipv6(false).start()) {
            JsonNode detail = host.detail();
            assertThat(detail.get("state").asString()).isEqualTo("ready");
            assertThat(host.allocations(Family.IPV4)).containsEntry(v4.ip(), "dual");
            assertThat(detail.get("warnings").toString())
                    .contains("1 stored allocation(s) of family ipv6 are kept on disk but not restored");
            assertThat(host.get("/v1/healthz").bodyText()).contains("family ipv6 are kept on disk");
        }

        try (StandaloneHost host = new StandaloneHost(root).ipv6(true).start()) {
            assertThat(host.allocations(Family.IPV6)).containsEntry(v6.ip(), "dual");
            assertThat(host.allocations(Family.IPV4)).containsEntry(v4.ip(), "dual");
            assertThat(host.detail().get("warnings").isEmpty()).isTrue();
        }
    }
}
