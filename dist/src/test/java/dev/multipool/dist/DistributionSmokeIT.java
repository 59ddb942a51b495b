package dev.multipool.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unpacked distribution works as shipped: {@code bin/multipool-host} with the real pod and
 * DRA plugins from {@code plugins/} and the pools of {@code conf/pools.yaml}, driven with curl over
 * the unix socket.
 */
class DistributionSmokeIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void helpListsTheHostOptionsAndBothConsumersOptions() throws Exception {
        Path log = work.resolve("help.log");
        assertThat(HostProcess.run(log, List.of("--help"), Duration.ofSeconds(60))).isZero();
        String help = Files.readString(log);
        assertThat(help).contains("--standalone", "--state-dir", "--socket-path", "--plugins-dir",
                "Consumer \"pod\"", "--ipam-multi-pool-pre-allocation", "--ipam-default-ip-pool",
                "Consumer \"dra\"", "--resource-ipam-multi-pool-pre-allocation", "--dra-driver-name");
    }

    @Test
    void standaloneServesBothConsumersAllocatesOverCurlAndStopsCleanlyOnSigterm() throws Exception {
        Path socket = work.resolve("api.sock");
        try (HostProcess host = start(socket, "smoke.log")) {
            host.awaitHealthy(Duration.ofSeconds(60));
            assertThat(curl(socket, "GET", "/v1/healthz").status()).isEqualTo(200);

            JsonNode consumers = JSON.readTree(curl(socket, "GET", "/v1/consumers").body());
            List<String> ids = new ArrayList<>();
            consumers.get("consumers").forEach(c -> {
                ids.add(c.get("id").asString());
                assertThat(c.get("state").asString()).as("state of %s", c.get("id")).isEqualTo("ready");
            });
            assertThat(ids).containsExactlyInAnyOrder("pod", "dra");
            assertThat(consumers.get("plugins").findValuesAsString("state")).containsOnly("started").hasSize(2);

            Curl pod = curl(socket, "POST", "/v1/ipam?owner=default/smoke-pod");
            assertThat(pod.status()).as(pod.body()).isEqualTo(201);
            String podIp = JSON.readTree(pod.body()).at("/ipv4/ip").asString();
            assertThat(podIp).startsWith("10.200.");
            JsonNode detail = JSON.readTree(curl(socket, "GET", "/v1/consumers/pod").body());
            assertThat(detail.at("/pools/0/ipv4/allocations").get(podIp).asString()).isEqualTo("default/smoke-pod");

            // DRA has no pre-allocation: the first request publishes demand (502) until a block is delegated
            Curl dra = null;
            for (int attempt = 0; attempt < 100; attempt++) {
                dra = curl(socket, "POST", "/v1/consumers/dra/ipam?family=ipv4&pool=default&owner=default/claim/eth0");
                if (dra.status() != 502) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(dra.status()).as(dra.body()).isEqualTo(201);
            assertThat(JSON.readTree(dra.body()).at("/ipv4/ip").asString()).startsWith("10.201.");

            int status = host.terminate(Duration.ofSeconds(30));
            assertThat(status).as("exit status after SIGTERM (143 = the JVM's status for SIGTERM)").isIn(0, 143);
            assertThat(socket).as("the socket is removed on a clean stop").doesNotExist();
            String log = Files.readString(work.resolve("smoke.log"));
            assertThat(log).contains("stopping").doesNotContain(" ERROR ");
        }
    }

    @Test
    void damagedJournalMakesTheHostExitWithStatus1AndAClearMessage() throws Exception {
        Path socket = work.resolve("api.sock");
        try (HostProcess host = start(socket, "first.log")) {
            host.awaitHealthy(Duration.ofSeconds(60));
            for (int i = 0; i < 3; i++) {
                assertThat(curl(socket, "POST", "/v1/ipam?owner=default/pod-" + i).status()).isEqualTo(201);
            }
            host.terminate(Duration.ofSeconds(30));
        }
        Path journal;
        try (Stream<Path> files = Files.list(work.resolve("state/allocations"))) {
            journal = files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        long damaged = secondFrame(journal);
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            file.seek(damaged + 14);
            int value = file.read();
            file.seek(damaged + 14);
            file.write(value ^ 0x01);
        }

        Path log = work.resolve("refused.log");
        assertThat(HostProcess.run(log, args(socket), Duration.ofSeconds(60))).isEqualTo(1);
        String output = Files.readString(log);
        assertThat(output).contains("multipool-host: cannot start: allocation state " + journal
                + " is damaged at offset " + damaged)
                .contains("The host refuses to start")
                .contains("double allocation");
        assertThat(socket).doesNotExist();
    }

    private HostProcess start(Path socket, String logName) {
        return HostProcess.start(work.resolve(logName), socket, args(socket));
    }

    private List<String> args(Path socket) {
        return List.of("--standalone", "--state-dir", work.resolve("state").toString(), "--socket-path",
                socket.toString(), "--k8s-node-name", "smoke-node", "--ipam-cilium-node-update-rate", "100ms");
    }

    /** The offset of the journal's second record (after the 36-byte header and the first record). */
    private static long secondFrame(Path journal) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(journal));
        int first = 36;
        int second = first + 8 + bytes.getInt(first);
        assertThat(bytes.limit()).as("at least three records").isGreaterThan(second + 8 + bytes.getInt(second));
        return second;
    }

    /** A curl reply. */
    record Curl(int status, String body) {
    }

    private static Curl curl(Path socket, String method, String target) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--unix-socket", socket.toString(), "-X", method,
                "-w", "\n%{http_code}", "http://localhost" + target).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as("curl %s %s: %s", method, target, output).isZero();
        int newline = output.lastIndexOf('\n');
        return new Curl(Integer.parseInt(output.substring(newline + 1).trim()), output.substring(0, newline));
    }
}
