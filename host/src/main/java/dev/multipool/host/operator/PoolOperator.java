package dev.multipool.host.operator;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolRequest;
import dev.multipool.api.PoolSection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's side of multi-pool IPAM for one consumer's pools (spec O1–O5), as a pure
 * computation: it carves blocks of each pool's {@code maskSize} out of the pool's CIDRs and keeps
 * track of which node holds which block. The embedded operator of standalone mode and the test
 * operator on the Kubernetes mock server both drive it; neither does any allocation logic itself.
 *
 * <p>Thread-safe; every method is short and does no I/O.
 */
public final class PoolOperator {

    private static final Logger log = LoggerFactory.getLogger(PoolOperator.class);

    private final Map<PoolName, Map<Family, BlockCarver>> carvers = new HashMap<>();
    private final Map<PoolName, PoolDefinition> definitions = new HashMap<>();
    private final Map<String, Set<Cidr>> recorded = new HashMap<>();
    private final Map<String, String> lastError = new HashMap<>();
    private final Map<String, Set<String>> reportedLastRound = new HashMap<>();
    private final Map<String, Set<String>> reportedThisRound = new HashMap<>();

    /**
     * Replaces the pool definitions. Blocks held by nodes stay recorded when they are still blocks
     * of their pool; the others are dropped from the bookkeeping with a warning (spec O5).
     *
     * @param pools every pool of the consumer's kind
     */
    public synchronized void setPools(Collection<PoolDefinition> pools) {
        Map<PoolName, Map<Family, BlockCarver>> previous = new HashMap<>(carvers);
        carvers.clear();
        definitions.clear();
        for (PoolDefinition pool : pools) {
            definitions.put(pool.name(), pool);
            Map<Family, BlockCarver> byFamily = new EnumMap<>(Family.class);
            for (Family family : Family.values()) {
                pool.family(family).ifPresent(part -> byFamily.put(family, new BlockCarver(part)));
            }
            carvers.put(pool.name(), byFamily);
            Map<Family, BlockCarver> old = previous.getOrDefault(pool.name(), Map.of());
            old.forEach((family, carver) -> carver.holders().forEach((block, node) -> {
                BlockCarver current = byFamily.get(family);
                if (current != null && current.isBlock(block)) {
                    current.occupy(block, node);
                } else {
                    log.warn("CIDR {} of pool \"{}\" is still in use by node {} but no longer part of the pool", block,
                            pool.name(), node);
                }
            }));
        }
        previous.keySet().stream().filter(name -> !carvers.containsKey(name)).forEach(name -> previous.get(name)
                .values().forEach(carver -> carver.holders().forEach((block, node) -> log.warn(
                        "pool \"{}\" was deleted while CIDR {} is still in use by node {}", name, block, node))));
    }

    /**
     * Records the blocks a node lists as its own (O1): every listed block of a known pool is
     * occupied for the node, and every block recorded for the node that it no longer lists is freed.
     * Call it for every node before the first {@link #reconcile} after a restart.
     *
     * @param node the node name
     * @param section the node's section for this consumer
     */
    public synchronized void occupy(String node, PoolSection section) {
        requireNonNull(node, "node is null");
        Set<Cidr> listed = new LinkedHashSet<>();
        for (PoolAllocation allocation : section.allocated()) {
            for (Cidr cidr : allocation.cidrs()) {
                BlockCarver carver = carver(allocation.pool(), cidr.family());
                if (carver == null || !carver.isBlock(cidr)) {
                    error(node, "unable to reuse CIDR " + cidr + " listed for pool \"" + allocation.pool()
                            + "\": not a block of the pool");
                    continue;
                }
                Optional<String> holder = carver.holder(cidr);
                if (holder.isPresent() && !holder.get().equals(node)) {
                    error(node, "CIDR " + cidr + " of pool \"" + allocation.pool() + "\" is already delegated to node "
                            + holder.get());
                    continue;
                }
                carver.occupy(cidr, node);
                listed.add(cidr);
            }
        }
        for (Cidr block : recorded.getOrDefault(node, Set.of())) {
            if (!listed.contains(block)) {
                freeBlock(node, block);
            }
        }
        recorded.put(node, listed);
    }

    /**
     * Reconciles one node (O1–O4): occupies and frees as {@link #occupy} does, then delegates new
     * blocks until every requested pool and family has at least the needed usable addresses.
     * Pools without a request keep what the node lists (O3).
     *
     * @param node the node name
     * @param section the node's section for this consumer
     * @return the {@code allocated} list the operator writes: sorted by pool, CIDRs IPv4 first then
     *     IPv6, each group sorted as strings
     */
    public synchronized List<PoolAllocation> reconcile(String node, PoolSection section) {
        lastError.remove(node);
        reportedLastRound.put(node, reportedThisRound.getOrDefault(node, Set.of()));
        reportedThisRound.put(node, new HashSet<>());
        occupy(node, section);
        Map<PoolName, List<Cidr>> result = new TreeMap<>();
        for (PoolAllocation allocation : section.allocated()) {
            result.computeIfAbsent(allocation.pool(), name -> new ArrayList<>()).addAll(allocation.cidrs());
        }
        for (PoolRequest request : section.requested()) {
            PoolDefinition definition = definitions.get(request.pool());
            if (definition == null) {
                error(node, "pool \"" + request.pool() + "\" requested by node " + node + " does not exist");
                continue;
            }
            for (Family family : Family.values()) {
                long needed = request.needed().get(family);
                BlockCarver carver = carver(request.pool(), family);
                if (needed == 0 || carver == null) {
                    continue;
                }
                List<Cidr> held = result.computeIfAbsent(request.pool(), name -> new ArrayList<>());
                long usable = held.stream().filter(carver::isBlock)
                        .mapToLong(block -> usable(block, definition)).reduce(0, PoolOperator::saturatedAdd);
                while (usable < needed) {
                    Optional<Cidr> block = carver.carve(node);
                    if (block.isEmpty()) {
                        error(node, "unable to allocate from pool \"" + request.pool() + "\" (family " + family
                                + "): pool exhausted");
                        break;
                    }
                    held.add(block.get());
                    recorded.computeIfAbsent(node, name -> new LinkedHashSet<>()).add(block.get());
                    usable = saturatedAdd(usable, usable(block.get(), definition));
                }
            }
        }
        List<PoolAllocation> out = new ArrayList<>();
        result.forEach((pool, cidrs) -> {
            if (!cidrs.isEmpty()) {
                out.add(new PoolAllocation(pool, sortedForWrite(cidrs)));
            }
        });
        return out;
    }

    /**
     * Frees every block of a deleted node (O5).
     *
     * @param node the node name
     */
    public synchronized void forgetNode(String node) {
        for (Cidr block : recorded.getOrDefault(node, Set.of())) {
            freeBlock(node, block);
        }
        recorded.remove(node);
        lastError.remove(node);
        reportedLastRound.remove(node);
        reportedThisRound.remove(node);
    }

    /**
     * Returns the last error met for a node during its last reconcile, as an operator writes into
     * {@code status.ipam.operator-status.error}.
     *
     * @param node the node name
     * @return the error, if the last reconcile had one
     */
    public synchronized Optional<String> lastError(String node) {
        return Optional.ofNullable(lastError.get(node));
    }

    /**
     * Returns the blocks currently recorded for a node.
     *
     * @param node the node name
     * @return a snapshot
     */
    public synchronized Set<Cidr> blocksOf(String node) {
        return Set.copyOf(recorded.getOrDefault(node, Set.of()));
    }

    private void freeBlock(String node, Cidr block) {
        for (Map<Family, BlockCarver> byFamily : carvers.values()) {
            BlockCarver carver = byFamily.get(block.family());
            if (carver != null && carver.holder(block).filter(node::equals).isPresent()) {
                carver.free(block);
            }
        }
    }

    private BlockCarver carver(PoolName pool, Family family) {
        return carvers.getOrDefault(pool, Map.of()).get(family);
    }

    private static long usable(Cidr block, PoolDefinition definition) {
        return UsableAddresses.of(block, definition.allowFirstIp(), definition.allowLastIp());
    }

    private void error(String node, String message) {
        reportedThisRound.computeIfAbsent(node, name -> new HashSet<>()).add(message);
        if (reportedLastRound.getOrDefault(node, Set.of()).contains(message)) {
            log.debug("node {}: {} (still)", node, message);
        } else {
            log.warn("node {}: {}", node, message);
        }
        lastError.put(node, message);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** IPv4 first, then IPv6, each group sorted as strings, without duplicates (spec O4, M32). */
    static List<Cidr> sortedForWrite(Collection<Cidr> cidrs) {
        Map<String, Cidr> unique = new LinkedHashMap<>();
        cidrs.forEach(cidr -> unique.put(cidr.toString(), cidr));
        List<Cidr> out = new ArrayList<>(unique.values());
        out.sort(Comparator.comparing(Cidr::family).thenComparing(Cidr::toString));
        return out;
    }
}
