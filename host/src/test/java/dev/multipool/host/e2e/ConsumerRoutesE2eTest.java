package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.host.testing.PluginJarBuilder;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/consumers/{id}/ipam…} has the semantics of {@code /v1/ipam…}; the status documents
 * {@code /v1/consumers} and {@code /v1/consumers/{id}} have the contract's shape; pools of the same
 * name in two consumers never mix.
 */
class ConsumerRoutesE2eTest {

    @TempDir
    static Path dir;

    private static E2eHost host;

    @BeforeAll
    static void start() {
        host = E2eHost.in(dir).flags("--e2e-dra-pre-allocation", "default=2").awaitCidrsOf("dra").start();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /**
     * Runs one sequence of IPAM requests under a path prefix and returns each reply as
     * {@code status body}, with the addresses it used replaced by names.
     */
    private static List<String> scenario(String prefix, String consumer, int offset) {
        Cidr cidr = Cidr.parse(host.cidrs(consumer, "default", Family.IPV4).get(0));
        String network = cidr.network().toString();
        List<HttpReply> replies = new ArrayList<>();
        HttpReply next = host.post(prefix + "/ipam?family=ipv4&pool=default&owner=ns/next");
        replies.add(next);
        String nextIp = E2eHost.json(next).get("address").get("ipv4").asString();
        // a free address (the next address is random, and other tests hold some)
        Set<String> taken = host.allocations(consumer, "default", Family.IPV4).keySet();
        int free = offset;
        while (taken.contains(cidr.network().plus(free).toString())) {
            free++;
        }
        String specific = cidr.network().plus(free).toString();
        assertThat(cidr.contains(dev.multipool.api.IpAddress.parse(nextIp))).isTrue();
        replies.add(host.post(prefix + "/ipam/" + nextIp + "?pool=default&owner=ns/duplicate"));
        replies.add(host.post(prefix + "/ipam/" + specific + "?pool=default&owner=ns/specific"));
        assertThat(host.allocations(consumer, "default", Family.IPV4))
                .containsEntry(nextIp, "ns/next").containsEntry(specific, "ns/specific");
        replies.add(host.post(prefix + "/ipam/" + network + "?pool=default&owner=ns/network"));
        replies.add(host.post(prefix + "/ipam/" + specific + "?owner=ns/no-pool"));
        replies.add(host.delete(prefix + "/ipam/" + specific + "?pool=default"));
        replies.add(host.delete(prefix + "/ipam/" + specific + "?pool=default"));
        replies.add(host.delete(prefix + "/ipam/" + specific));
        replies.add(host.delete(prefix + "/ipam/" + nextIp + "/expiration?pool=default&uuid=x"));
        replies.add(host.post(prefix + "/ipam?family=ipv6&pool=default"));
        replies.add(host.post(prefix + "/ipam?family=ipv7&pool=default"));
        replies.add(host.post(prefix + "/ipam?family=ipv4&pool=nowhere&owner=ns/nowhere"));
        replies.add(host.send("PATCH", prefix + "/ipam/" + specific, Map.of()));
        replies.add(host.delete(prefix + "/ipam/" + nextIp + "?pool=default"));
        assertThat(host.allocations(consumer, "default", Family.IPV4)).doesNotContainKeys(nextIp, specific);
        Map<String, String> names = new LinkedHashMap<>();
        // the range's bounds first and by position: the random next address may be one of them
        names.put("are " + cidr.network().plus(1) + " to " + cidr.network().plus(254), "are <first> to <last>");
        names.put(cidr.toString(), "<cidr>");
        names.put(nextIp, "<next>");
        names.put(specific, "<specific>");
        names.put(network, "<network>");
        names.put("/v1/consumers/{id}/ipam", "<prefix>/ipam");
        names.put("/v1/ipam", "<prefix>/ipam");
        List<String> shown = new ArrayList<>();
        for (HttpReply reply : replies) {
            shown.add(reply.status() + " " + rename(reply.bodyText(), names));
        }
        return shown;
    }

    /** Replaces whole addresses, CIDRs and paths by names (an address never matches inside a longer one). */
    private static String rename(String text, Map<String, String> names) {
        String result = text;
        for (Map.Entry<String, String> name : names.entrySet()) {
            result = Pattern.compile("(?<![0-9a-f.:/])" + Pattern.quote(name.getKey()) + "(?![0-9a-f.:/]*[0-9a-f])")
                    .matcher(result).replaceAll(Matcher.quoteReplacement(name.getValue()));
        }
        return result;
    }

    @Test
    @DisplayName("/v1/consumers/pod/ipam and /v1/consumers/dra/ipam answer exactly like /v1/ipam")
    void identicalSemantics() {
        List<String> viaDefault = scenario("/v1", "pod", 50);
        List<String> viaPod = scenario("/v1/consumers/pod", "pod", 60);
        List<String> viaDra = scenario("/v1/consumers/dra", "dra", 70);

        assertThat(viaDefault).extracting(line -> line.substring(0, 3))
                .containsExactly("201", "409", "200", "400", "400", "200", "404", "400", "404", "501", "400", "502",
                        "405", "200");
        assertThat(viaPod).isEqualTo(viaDefault);
        assertThat(viaDra).isEqualTo(viaDefault);
    }

    @Test
    @DisplayName("pools of the same name in two consumers never mix: pod and dra each have their own default pool")
    void poolsDoNotMix() {
        HttpReply pod = host.post("/v1/ipam?family=ipv4&owner=ns/pod-x");
        HttpReply dra = host.post("/v1/consumers/dra/ipam?family=ipv4&pool=default&owner=ns/claim-x/eth0");

        String podIp = E2eHost.json(pod).get("address").get("ipv4").asString();
        String draIp = E2eHost.json(dra).get("address").get("ipv4").asString();
        assertThat(podIp).startsWith("10.10.");
        assertThat(draIp).startsWith("10.20.");
        assertThat(host.allocations("pod", "default", Family.IPV4)).containsKey(podIp).doesNotContainKey(draIp);
        assertThat(host.allocations("dra", "default", Family.IPV4)).containsKey(draIp).doesNotContainKey(podIp);
        assertThat(host.delete("/v1/consumers/dra/ipam/" + podIp + "?pool=default").status()).isEqualTo(404);
        assertThat(host.delete("/v1/ipam/" + draIp + "?pool=default").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("GET /v1/consumers lists every consumer with its plugin and state, and every plugin")
    void consumersDocument() {
        HttpReply reply = host.get("/v1/consumers");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = E2eHost.json(reply);
        assertThat(body.get("consumers")).hasSize(2);
        for (JsonNode consumer : body.get("consumers")) {
            String id = consumer.get("id").asString();
            assertThat(id).isIn("pod", "dra");
            assertThat(consumer.get("state").asString()).isEqualTo("ready");
            assertThat(consumer.has("reason")).isFalse();
            JsonNode plugin = consumer.get("plugin");
            assertThat(plugin.get("id").asString()).isEqualTo("e2e-" + id);
            assertThat(plugin.get("version").asString()).isEqualTo(id.equals("pod") ? "1.2.3" : "1.0.0");
            assertThat(plugin.get("requires").asString()).isEqualTo(PluginJarBuilder.SPI_RANGE);
        }
        List<String> plugins = new ArrayList<>();
        for (JsonNode plugin : body.get("plugins")) {
            plugins.add(plugin.get("id").asString() + " " + plugin.get("version").asString() + " "
                    + plugin.get("state").asString());
            assertThat(plugin.has("reason")).isFalse();
        }
        assertThat(plugins).containsExactly("e2e-dra 1.0.0 started", "e2e-pod 1.2.3 started");
    }

    @Test
    @DisplayName("GET /v1/consumers/{id}: id, plugin, state, restore and pools with counters and ip -> owner; 404 otherwise")
    void consumerDocument() {
        HttpReply allocated = host.post("/v1/ipam?owner=ns/detail");
        String ip = E2eHost.json(allocated).get("address").get("ipv4").asString();

        JsonNode body = host.detail("pod");

        assertThat(body.get("id").asString()).isEqualTo("pod");
        assertThat(body.get("plugin").get("id").asString()).isEqualTo("e2e-pod");
        assertThat(body.get("state").asString()).isEqualTo("ready");
        assertThat(body.get("restore").propertyNames()).containsExactly("ipv4");
        assertThat(body.get("restore").get("ipv4").asString()).isEqualTo("finished");
        JsonNode pool = body.get("pools").get(0);
        assertThat(pool.get("name").asString()).isEqualTo("default");
        assertThat(pool.has("ipv6")).as("IPv6 is disabled").isFalse();
        JsonNode ipv4 = pool.get("ipv4");
        assertThat(Set.copyOf(ipv4.propertyNames())).containsAll(Set.of("cidrs", "released", "removed", "capacity",
                "in-use", "demand", "pending", "allocations"));
        assertThat(ipv4.get("capacity").asLong()).isEqualTo(254);
        assertThat(ipv4.get("in-use").asLong()).isEqualTo(ipv4.get("allocations").size());
        assertThat(ipv4.get("allocations").get(ip).asString()).isEqualTo("ns/detail");
        assertThat(ipv4.get("demand").asLong()).isGreaterThanOrEqualTo(ipv4.get("in-use").asLong() + 2);
        assertThat(host.get("/v1/consumers/nobody").status()).isEqualTo(404);
    }
}
