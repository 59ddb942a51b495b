package dev.multipool.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crash safety of the real host process (issue 7): concurrent clients allocate (and sometimes
 * release) dual-stack addresses with distinct owners over the unix socket while the host is
 * killed with SIGKILL at random points, some during start and restore, most under load. After
 * every kill the node document on disk must still delegate every CIDR holding an acknowledged
 * address; after every restart every owner that got a 2xx still owns its addresses, no address
 * has two owners, and new allocations never return a held address.
 *
 * <p>Seeded: the seed is printed; rerun one with {@code -Dcrash.seed=<seed>}. The number of kills
 * is {@code -Dcrash.kills} (default 22).
 */
class CrashRestartIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CLIENTS = 6;

    @TempDir
    Path work;

    @Test
    void acknowledgedAllocationsSurviveSigkillAtRandomPoints() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        int kills = Integer.getInteger("crash.kills", 22);
        System.out.println("CrashRestartIT seed=" + seed + " kills=" + kills + " (rerun: -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        Ledger ledger = new Ledger();
        Path socket = work.resolve("api.sock");
        Path log = work.resolve("host.log");
        List<String> report = new ArrayList<>();

        for (int cycle = 0; cycle < kills; cycle++) {
            HostProcess host = HostProcess.start(log, socket, args(socket));
            try {
                String point;
                if (random.nextInt(5) == 0) {
                    long delay = random.nextInt(2500);
                    Thread.sleep(delay);
                    point = "during start, " + delay + " ms after exec";
                } else {
                    host.awaitHealthy(Duration.ofSeconds(90));
                    check(ledger, host, "after restart " + cycle);
                    long delay = 100 + random.nextInt(1200);
                    try (LoadClients clients = new LoadClients(host.http(), ledger, "k" + cycle, CLIENTS,
                            random.nextLong())) {
                        clients.start();
                        Thread.sleep(delay);
                        host.kill();
                    }
                    point = "under load, " + delay + " ms after the clients started";
                }
                host.kill();
                checkNodeDocument(ledger, "after kill " + cycle + " (" + point + ")");
                report.add("kill " + cycle + ": " + point + ", " + ledger.acknowledged() + " owners acknowledged so far");
            } finally {
                host.close();
            }
        }

        try (HostProcess host = HostProcess.start(log, socket, args(socket))) {
            host.awaitHealthy(Duration.ofSeconds(90));
            check(ledger, host, "after the last restart");
            try (LoadClients clients = new LoadClients(host.http(), ledger, "final", CLIENTS, random.nextLong())) {
                clients.start();
                Thread.sleep(500);
            }
            check(ledger, host, "after the final load");
            assertThat(host.terminate(Duration.ofSeconds(30))).isIn(0, 143);
            assertThat(socket).doesNotExist();
        }
        report.forEach(System.out::println);
        assertThat(ledger.acknowledged()).as("the clients got addresses at all").isGreaterThan(kills * 10);
    }

    private List<String> args(Path socket) {
        return List.of("--standalone", "--enable-ipv6", "--state-dir", work.resolve("state").toString(),
                "--socket-path", socket.toString(), "--k8s-node-name", "crash-node",
                "--ipam-cilium-node-update-rate", "50ms", "--ipam-multi-pool-pre-allocation", "default=32",
                "--consumers", "pod");
    }

    /** Every acknowledged address lies in a CIDR the node document on disk still delegates. */
    private void checkNodeDocument(Ledger ledger, String when) throws IOException {
        NodeDocument node = NodeDocument.read(work.resolve("state/standalone/ciliumnode.json"), "default");
        List<String> uncovered = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> owner : ledger.expectedHeld().entrySet()) {
            for (String ip : owner.getValue().values()) {
                if (!node.covers(ip)) {
                    uncovered.add(ip + " of " + owner.getKey());
                }
            }
        }
        assertThat(uncovered).as("%s: acknowledged addresses outside the CIDRs allocated in the node document %s",
                when, node.cidrs()).isEmpty();
    }

    /** The host's allocations match what the clients were told. */
    private void check(Ledger ledger, HostProcess host, String when) throws IOException {
        HttpReply reply = host.http().get("/v1/consumers/pod");
        assertThat(reply.status()).as(reply.bodyText()).isEqualTo(200);
        JsonNode detail = JSON.readTree(reply.bodyText());
        assertThat(detail.at("/restore/ipv4").asString()).isEqualTo("finished");
        assertThat(detail.at("/restore/ipv6").asString()).isEqualTo("finished");
        assertThat(detail.get("deferred-restores").isEmpty()).as("%s: deferred restores %s", when,
                detail.get("deferred-restores")).isTrue();
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (JsonNode pool : detail.get("pools")) {
            for (String family : List.of("ipv4", "ipv6")) {
                JsonNode part = pool.get(family);
                if (part != null) {
                    Map<String, String> allocations = actual.computeIfAbsent(family, f -> new TreeMap<>());
                    part.get("allocations").properties().forEach(e -> {
                        String previous = allocations.put(e.getKey(), e.getValue().asString());
                        assertThat(previous).as("%s: %s listed twice", when, e.getKey()).isNull();
                    });
                }
            }
        }
        assertThat(ledger.reconcile(actual)).as("%s (log: %s)", when, host.logTail()).isEmpty();
    }
}
