package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.IpamException;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import dev.multipool.host.manager.TestSections.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property test with seeded randomness: thousands of random interleavings of allocateNext,
 * allocate, release, restore, operator changes to the node, syncs (written back or lost) and
 * restore completion, checked after every step against a model of who holds which address.
 *
 * <p>Invariants: no address is handed out twice; in-use counts equal the model; the dump's owners
 * equal the model; a CIDR holding a used address is never released nor left out of
 * {@code allocated}; a released CIDR is never in {@code allocated}; once a family's restore has
 * finished, every CIDR in {@code allocated} for a pool the node lists is listed by the operator
 * or holds a used address (an unused CIDR the operator took away is never claimed again).
 */
class ManagerInvariantsTest {

    private static final Map<PoolName, List<Cidr>> CANDIDATES = new LinkedHashMap<>();

    static {
        CANDIDATES.put(pool("a"), cidrs("10.1.0.0/29", "10.1.0.8/29", "10.1.0.16/30", "10.1.0.20/32", "fd01::/125",
                "fd01::8/126", "fd01::10/128"));
        CANDIDATES.put(pool("b"), cidrs("10.2.0.0/28", "10.2.0.16/31", "fd02::/124"));
        CANDIDATES.put(pool("c"), cidrs("10.3.0.0/29", "fd03::/126", "fd03::4/127"));
    }

    private static List<Cidr> cidrs(String... texts) {
        return java.util.Arrays.stream(texts).map(Cidr::parse).toList();
    }

    private final Map<PoolName, Map<IpAddress, String>> held = new HashMap<>();
    private SplittableRandom random;
    private MultiPoolManager manager;
    private PoolSection node = PoolSection.EMPTY;
    private final Set<Family> restoreFinished = EnumSet.noneOf(Family.class);
    private int ownerCounter;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void invariantsHoldUnderRandomInterleavings(long seed) {
        random = new SplittableRandom(seed);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Map<PoolName, Integer> preAllocation = new HashMap<>();
        CANDIDATES.keySet().forEach(p -> {
            if (random.nextBoolean()) {
                preAllocation.put(p, random.nextInt(4));
            }
        });
        manager = new MultiPoolManager(ManagerParams.builder("prop").enabledFamilies(Family.IPV4, Family.IPV6)
                .preAllocation(preAllocation).clock(clock).random(new SplittableRandom(seed * 31)).build());
        CANDIDATES.keySet().forEach(p -> held.put(p, new HashMap<>()));
        manager.upsertNode(node);
        for (int step = 0; step < 3000; step++) {
            int choice = random.nextInt(100);
            PoolName pool = randomPool();
            if (choice < 30) {
                allocateNext(pool, random.nextBoolean() ? Family.IPV4 : Family.IPV6);
            } else if (choice < 42) {
                allocateSpecific(pool, randomCandidateAddress(pool));
            } else if (choice < 68) {
                release(pool);
            } else if (choice < 74) {
                restore(pool, randomCandidateAddress(pool));
            } else if (choice < 84) {
                operatorChange(pool);
            } else if (choice < 97) {
                sync(random.nextInt(5) != 0);
            } else {
                Family family = random.nextBoolean() ? Family.IPV4 : Family.IPV6;
                manager.restoreFinished(family);
                restoreFinished.add(family);
                clock.advance(Duration.ofSeconds(random.nextInt(200)));
            }
            checkCounts();
            if (step % 50 == 0) {
                checkDump();
            }
        }
        checkDump();
    }

    private PoolName randomPool() {
        List<PoolName> pools = new ArrayList<>(CANDIDATES.keySet());
        return pools.get(random.nextInt(pools.size()));
    }

    private IpAddress randomCandidateAddress(PoolName pool) {
        List<Cidr> candidates = CANDIDATES.get(pool);
        Cidr cidr = candidates.get(random.nextInt(candidates.size()));
        return cidr.network().plus(random.nextLong(cidr.addressCount()));
    }

    private String newOwner() {
        return "owner-" + ownerCounter++;
    }

    private boolean heldAnywhere(IpAddress address) {
        return held.values().stream().anyMatch(m -> m.containsKey(address));
    }

    private void allocateNext(PoolName pool, Family family) {
        String owner = newOwner();
        try {
            AllocationResult result = manager.allocateNext(pool, family, owner, random.nextBoolean());
            assertThat(heldAnywhere(result.address())).as("handed out twice: %s", result.address()).isFalse();
            assertThat(result.cidr().contains(result.address())).isTrue();
            held.get(pool).put(result.address(), owner);
        } catch (IpamException expected) {
            assertThat(expected.getClass().getSimpleName()).isIn("PoolNotReadyException", "PoolExhaustedException");
        }
    }

    private void allocateSpecific(PoolName pool, IpAddress address) {
        String owner = newOwner();
        try {
            manager.allocate(address, pool, owner, random.nextBoolean());
            assertThat(heldAnywhere(address)).as("handed out twice: %s", address).isFalse();
            held.get(pool).put(address, owner);
        } catch (AddressInUseException inUse) {
            assertThat(held.get(pool)).containsKey(address);
            assertThat(inUse.getMessage()).contains("(owner \"" + held.get(pool).get(address) + "\")");
        } catch (IpamException expected) {
            assertThat(expected.getClass().getSimpleName())
                    .isIn("PoolNotReadyException", "AddressNotInRangeException");
        }
    }

    private void release(PoolName pool) {
        Map<IpAddress, String> ofPool = held.get(pool);
        if (!ofPool.isEmpty() && random.nextInt(10) != 0) {
            List<IpAddress> addresses = new ArrayList<>(ofPool.keySet());
            IpAddress address = addresses.get(random.nextInt(addresses.size()));
            assertThat(manager.release(address, pool, random.nextBoolean())).isEqualTo(ofPool.remove(address));
            return;
        }
        IpAddress address = randomCandidateAddress(pool);
        if (ofPool.containsKey(address)) {
            return;
        }
        try {
            manager.release(address, pool, false);
            fail("released an address nobody holds: " + address);
        } catch (IpamException expected) {
            assertThat(expected.getClass().getSimpleName()).isEqualTo("AddressNotAllocatedException");
        }
    }

    private void restore(PoolName pool, IpAddress address) {
        String current = held.get(pool).get(address);
        String owner = current != null && random.nextBoolean() ? current : newOwner();
        RestoreOutcome outcome = manager.restore(address, pool, owner);
        if (current == null) {
            assertThat(outcome).isIn(RestoreOutcome.PLACED, RestoreOutcome.DEFERRED);
            held.get(pool).put(address, owner);
        } else if (current.equals(owner)) {
            assertThat(outcome).isIn(RestoreOutcome.PLACED, RestoreOutcome.DEFERRED);
        } else {
            assertThat(outcome).isEqualTo(RestoreOutcome.CONFLICT);
        }
    }

    private void operatorChange(PoolName pool) {
        List<Cidr> listed = new ArrayList<>(node.allocation(pool).map(PoolAllocation::cidrs).orElse(List.of()));
        List<Cidr> candidates = CANDIDATES.get(pool);
        Cidr cidr = candidates.get(random.nextInt(candidates.size()));
        if (listed.contains(cidr)) {
            listed.remove(cidr);
        } else {
            listed.add(cidr);
        }
        List<PoolAllocation> allocations = new ArrayList<>();
        node.allocated().stream().filter(a -> !a.pool().equals(pool)).forEach(allocations::add);
        if (!listed.isEmpty()) {
            allocations.add(new PoolAllocation(pool, listed));
        }
        node = node.withAllocated(allocations);
        manager.upsertNode(node);
    }

    private void sync(boolean written) {
        PoolSection section = manager.computeSync().orElseThrow();
        for (PoolDump dump : manager.dump()) {
            List<Cidr> allocated = section.allocation(dump.name()).map(PoolAllocation::cidrs).orElse(List.of());
            dump.families().values().forEach(family -> {
                for (Cidr released : family.released()) {
                    assertThat(allocated).as("released CIDR written back").doesNotContain(released);
                    assertThat(held.get(dump.name()).keySet()).as("released CIDR in use").noneMatch(released::contains);
                }
            });
        }
        for (PoolAllocation claimed : section.allocated()) {
            Optional<PoolAllocation> listed = node.allocation(claimed.pool());
            if (listed.isEmpty()) {
                continue; // M12: a pool the node no longer lists keeps the ranges it had
            }
            for (Cidr cidr : claimed.cidrs()) {
                if (restoreFinished.contains(cidr.family()) && !listed.get().cidrs().contains(cidr)) {
                    assertThat(held.get(claimed.pool()).keySet())
                            .as("unlisted, unused CIDR %s of pool %s claimed", cidr, claimed.pool())
                            .anyMatch(cidr::contains);
                }
            }
        }
        Map<String, String> deferred = manager.deferredRestores();
        held.forEach((pool, addresses) -> addresses.keySet().forEach(address -> {
            if (!deferred.containsKey(pool + "/" + address)) {
                List<Cidr> allocated = section.allocation(pool).map(PoolAllocation::cidrs).orElse(List.of());
                assertThat(allocated).as("CIDR of used %s left out", address).anyMatch(c -> c.contains(address));
            }
        }));
        if (written) {
            node = section;
            manager.upsertNode(node);
        }
    }

    private void checkCounts() {
        held.forEach((pool, addresses) -> {
            for (Family family : Family.values()) {
                long expected = addresses.keySet().stream().filter(a -> a.family() == family).count();
                assertThat(manager.inUse(pool, family)).as("in use %s %s", pool, family).isEqualTo(expected);
            }
        });
    }

    private void checkDump() {
        Map<PoolName, Map<IpAddress, String>> dumped = new HashMap<>();
        CANDIDATES.keySet().forEach(p -> dumped.put(p, new HashMap<>()));
        for (PoolDump dump : manager.dump()) {
            dump.families().values().forEach(f -> dumped.get(dump.name()).putAll(f.allocations()));
        }
        assertThat(dumped).isEqualTo(held);
        Map<PoolName, Map<IpAddress, String>> listed = new HashMap<>();
        CANDIDATES.keySet().forEach(p -> listed.put(p, new HashMap<>()));
        manager.allocations().forEach(r -> listed.get(r.pool()).put(r.address(), r.owner()));
        assertThat(listed).isEqualTo(held);
    }
}
