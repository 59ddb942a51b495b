package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel REST clients against the real dual-stack host: every address is handed out once. */
class ConcurrencyE2eTest {

    private static final int CLIENTS = 6;
    private static final int EACH = 20;

    @Test
    @DisplayName("parallel next-address requests get distinct addresses, each recorded for its owner; parallel releases free them")
    void parallelClients(@TempDir Path dir) throws Exception {
        try (E2eHost host = E2eHost.in(dir).dualStack().start()) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<List<String>>> results = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    int id = client;
                    results.add(pool.submit(() -> allocate(host, id)));
                }
                List<String> all = new ArrayList<>();
                for (Future<List<String>> result : results) {
                    all.addAll(result.get());
                }
                Map<String, String> v4 = host.allocations("pod", "default", Family.IPV4);
                Map<String, String> v6 = host.allocations("pod", "default", Family.IPV6);
                Set<String> distinct = new HashSet<>(all);
                assertThat(distinct).hasSize(CLIENTS * EACH * 2);
                assertThat(v4).hasSize(CLIENTS * EACH);
                assertThat(v6).hasSize(CLIENTS * EACH);
                for (int client = 0; client < CLIENTS; client++) {
                    for (int i = 0; i < EACH; i++) {
                        String owner = "ns/c" + client + "-" + i;
                        assertThat(v4.values().stream().filter(owner::equals)).hasSize(1);
                        assertThat(v6.values().stream().filter(owner::equals)).hasSize(1);
                    }
                }

                List<Future<Integer>> releases = new ArrayList<>();
                for (String ip : all) {
                    Callable<Integer> release = () -> host.delete("/v1/ipam/" + ip + "?pool=default").status();
                    releases.add(pool.submit(release));
                }
                for (Future<Integer> release : releases) {
                    assertThat(release.get()).isEqualTo(200);
                }
                assertThat(host.allocations("pod", "default", Family.IPV4)).isEmpty();
                assertThat(host.allocations("pod", "default", Family.IPV6)).isEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<String> allocate(E2eHost host, int client) {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < EACH; i++) {
            HttpReply reply = host.post("/v1/ipam?owner=ns/c" + client + "-" + i);
            assertThat(reply.status()).as(reply.bodyText()).isEqualTo(201);
            ips.add(E2eHost.json(reply).get("address").get("ipv4").asString());
            ips.add(E2eHost.json(reply).get("address").get("ipv6").asString());
        }
        return ips;
    }
}
