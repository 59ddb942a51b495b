package dev.multipool.dist;

import dev.multipool.host.testing.UnixSocketHttpClient;
import dev.multipool.host.testing.UnixSocketHttpClient.HttpReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Concurrent clients of the pod consumer: each allocates next addresses (every enabled family)
 * for fresh owners in a loop and now and then releases one of its own, recording every reply in
 * the {@link Ledger}. A request that gets no reply (the host died) is recorded as unknown.
 */
final class LoadClients implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UnixSocketHttpClient http;
    private final Ledger ledger;
    private final String prefix;
    private final List<Thread> threads = new ArrayList<>();
    private final long seed;
    private volatile boolean stop;

    LoadClients(UnixSocketHttpClient http, Ledger ledger, String prefix, int clients, long seed) {
        this.http = http;
        this.ledger = ledger;
        this.prefix = prefix;
        this.seed = seed;
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> run(client), "crash-client-" + prefix + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void run(int client) {
        try {
            loop(client);
        } catch (RuntimeException e) {
            ledger.violation("client " + client + " of " + prefix + " failed: " + e);
        }
    }

    private void loop(int client) {
        Random random = new Random(seed + client);
        List<String> mine = new ArrayList<>();
        for (int sequence = 0; !stop; sequence++) {
            if (!mine.isEmpty() && random.nextInt(6) == 0) {
                release(mine.remove(random.nextInt(mine.size())));
                continue;
            }
            String owner = prefix + "/c" + client + "-" + sequence;
            ledger.asking(owner);
            try {
                HttpReply reply = http.post("/v1/ipam?owner=" + owner);
                if (reply.status() == 201) {
                    ledger.allocated(owner, addresses(reply.bodyText()));
                    mine.add(owner);
                } else {
                    ledger.refused(owner);
                    pause(20);
                }
            } catch (IOException e) {
                ledger.unknown(owner);
                pause(20);
            }
        }
    }

    private void release(String owner) {
        ledger.releasing(owner);
        try {
            for (String ip : ledger.addressesOf(owner).values()) {
                HttpReply reply = http.delete("/v1/ipam/" + ip + "?pool=default");
                if (reply.status() != 200) {
                    ledger.violation("release of " + ip + " (" + owner + ") answered " + reply.status() + ": "
                            + reply.bodyText());
                    ledger.unknown(owner);
                    return;
                }
            }
            ledger.released(owner);
        } catch (IOException e) {
            ledger.unknown(owner);
        }
    }

    private static Map<String, String> addresses(String body) throws IOException {
        JsonNode reply = JSON.readTree(body);
        Map<String, String> byFamily = new LinkedHashMap<>();
        for (String family : List.of("ipv4", "ipv6")) {
            JsonNode part = reply.get(family);
            if (part != null) {
                byFamily.put(family, part.get("ip").asString());
            }
        }
        return byFamily;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }
}
