package dev.multipool.dist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the crash test's clients know about every owner, from the replies they got: the truth the
 * host's state must match after each SIGKILL. Owners are never reused, so each owner's story is
 * one allocation and at most one release. Thread-safe.
 */
final class Ledger {

    /** What a client knows about one owner. */
    enum Knowledge {
        /** The request is in flight. */
        ASKING,
        /** Allocated: a 201 reply with its addresses. */
        HELD,
        /** Refused with a reply (nothing is held). */
        REFUSED,
        /** Its release is in flight. */
        RELEASING,
        /** Released: every DELETE got 200. */
        RELEASED,
        /** A request or a release got no reply (the host died): either outcome is allowed. */
        UNKNOWN
    }

    private final Map<String, Knowledge> owners = new ConcurrentHashMap<>();
    /** The addresses of owners that got a 201 (family wire name to address). */
    private final Map<String, Map<String, String>> addresses = new ConcurrentHashMap<>();
    /** Every address known to be held, and by whom: a new allocation must never return one. */
    private final Map<String, String> held = new ConcurrentHashMap<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    void asking(String owner) {
        owners.put(owner, Knowledge.ASKING);
    }

    /** A 201: records the addresses, and a violation for any that someone else holds. */
    void allocated(String owner, Map<String, String> byFamily) {
        for (String ip : byFamily.values()) {
            String previous = held.putIfAbsent(ip, owner);
            if (previous != null && !previous.equals(owner)) {
                violations.add("address " + ip + " was handed to " + owner + " while " + previous + " holds it");
            }
        }
        addresses.put(owner, Map.copyOf(byFamily));
        owners.put(owner, Knowledge.HELD);
    }

    /** Something a client saw that must not happen. */
    void violation(String what) {
        violations.add(what);
    }

    void refused(String owner) {
        owners.put(owner, Knowledge.REFUSED);
    }

    /** The host died before replying. */
    void unknown(String owner) {
        owners.put(owner, Knowledge.UNKNOWN);
    }

    /** A release starts: the addresses stop counting as held before the first DELETE is sent. */
    void releasing(String owner) {
        owners.put(owner, Knowledge.RELEASING);
        addresses.getOrDefault(owner, Map.of()).values().forEach(ip -> held.remove(ip, owner));
    }

    void released(String owner) {
        owners.put(owner, Knowledge.RELEASED);
    }

    Map<String, String> addressesOf(String owner) {
        return addresses.getOrDefault(owner, Map.of());
    }

    int acknowledged() {
        return addresses.size();
    }

    /** The addresses every owner with a 201 and no release holds, by owner. */
    Map<String, Map<String, String>> expectedHeld() {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        owners.forEach((owner, knowledge) -> {
            if (knowledge == Knowledge.HELD) {
                expected.put(owner, addresses.get(owner));
            }
        });
        return expected;
    }

    /**
     * Checks the host's allocations after a restart against what the clients know, then makes
     * them the new truth: unknown outcomes become held or gone.
     *
     * @param actual family to (address to owner), as {@code /v1/consumers/pod} shows it
     * @return the violations found now and since the last check
     */
    synchronized List<String> reconcile(Map<String, Map<String, String>> actual) {
        List<String> found = new ArrayList<>(violations);
        violations.clear();
        Map<String, Map<String, String>> byOwner = new TreeMap<>();
        actual.forEach((family, allocations) -> allocations.forEach((ip, owner) -> {
            String other = byOwner.computeIfAbsent(owner, o -> new TreeMap<>()).put(family, ip);
            if (other != null) {
                found.add(owner + " holds two " + family + " addresses: " + other + " and " + ip);
            }
        }));
        owners.forEach((owner, knowledge) -> {
            Map<String, String> has = byOwner.getOrDefault(owner, Map.of());
            Map<String, String> had = addresses.getOrDefault(owner, Map.of());
            switch (knowledge) {
                case HELD -> {
                    if (!has.equals(had)) {
                        found.add(owner + " got 201 with " + had + " but holds " + has + " after the restart");
                    }
                }
                case REFUSED, RELEASED -> {
                    if (!has.isEmpty()) {
                        found.add(owner + " (" + knowledge + ") holds " + has + " after the restart");
                    }
                }
                case RELEASING, UNKNOWN, ASKING -> {
                    if (!had.isEmpty() && !had.entrySet().containsAll(has.entrySet())) {
                        found.add(owner + " got 201 with " + had + " but holds " + has + " after the restart");
                    }
                }
            }
        });
        Set<String> strangers = new java.util.TreeSet<>(byOwner.keySet());
        strangers.removeAll(owners.keySet());
        strangers.forEach(owner -> found.add("the host holds addresses for " + owner + ", an owner no client used"));

        held.clear();
        actual.values().forEach(held::putAll);
        owners.replaceAll((owner, knowledge) -> knowledge == Knowledge.HELD || knowledge == Knowledge.REFUSED
                || knowledge == Knowledge.RELEASED ? knowledge
                : byOwner.containsKey(owner) ? Knowledge.HELD : Knowledge.RELEASED);
        byOwner.forEach((owner, has) -> addresses.put(owner, Map.copyOf(has)));
        return found;
    }
}
