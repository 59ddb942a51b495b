package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.alloc;
import static dev.multipool.host.manager.TestSections.allocated;
import static dev.multipool.host.manager.TestSections.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** M57: one manager shared by many threads keeps its invariants. */
class MultiPoolManagerConcurrencyTest {

    private static final PoolName DEFAULT = pool("default");
    private static final int WORKERS = 4;
    private static final int OPERATIONS = 5_000;

    @Test
    @DisplayName("M57: concurrent allocate/release with syncs in between never hands an address out twice")
    void concurrentAllocations() throws Exception {
        MultiPoolManager manager = new MultiPoolManager(ManagerParams.builder("pod")
                .enabledFamilies(Family.IPV4, Family.IPV6).preAllocation(Map.of(DEFAULT, 16)).build());
        manager.upsertNode(allocated(alloc("default", "10.0.0.0/22", "fd00::/118")));
        manager.restoreFinished(Family.IPV4);
        manager.restoreFinished(Family.IPV6);
        Map<IpAddress, String> live = new ConcurrentHashMap<>();
        CyclicBarrier start = new CyclicBarrier(WORKERS + 1);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService executor = Executors.newFixedThreadPool(WORKERS + 1);
        try {
            List<Future<Map<IpAddress, String>>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int id = w;
                workers.add(executor.submit(() -> work(manager, live, start, id)));
            }
            Future<Integer> syncer = executor.submit(() -> {
                start.await();
                int passes = 0;
                while (!done.get()) {
                    PoolSection section = manager.computeSync().orElseThrow();
                    manager.upsertNode(section);
                    passes++;
                }
                return passes;
            });
            Map<IpAddress, String> stillHeld = new HashMap<>();
            for (Future<Map<IpAddress, String>> worker : workers) {
                Map<IpAddress, String> mine = worker.get(60, TimeUnit.SECONDS);
                mine.keySet().forEach(a -> assertThat(stillHeld).doesNotContainKey(a));
                stillHeld.putAll(mine);
            }
            done.set(true);
            assertThat(syncer.get(60, TimeUnit.SECONDS)).isPositive();

            assertThat(live).isEqualTo(stillHeld);
            assertThat(manager.inUse(DEFAULT, Family.IPV4) + manager.inUse(DEFAULT, Family.IPV6))
                    .isEqualTo(stillHeld.size());
            Map<IpAddress, String> dumped = new HashMap<>();
            manager.dump().forEach(d -> d.families().values().forEach(f -> dumped.putAll(f.allocations())));
            assertThat(dumped).isEqualTo(stillHeld);
            PoolAllocation written = manager.computeSync().orElseThrow().allocation(DEFAULT).orElseThrow();
            stillHeld.keySet().forEach(a -> assertThat(written.cidrs()).anyMatch(c -> c.contains(a)));
        } finally {
            executor.shutdownNow();
        }
    }

    private static Map<IpAddress, String> work(MultiPoolManager manager, Map<IpAddress, String> live,
                                               CyclicBarrier start, int id) throws Exception {
        SplittableRandom random = new SplittableRandom(id);
        Map<IpAddress, String> mine = new HashMap<>();
        List<IpAddress> order = new ArrayList<>();
        start.await();
        for (int i = 0; i < OPERATIONS; i++) {
            if (order.isEmpty() || (order.size() < 200 && random.nextBoolean())) {
                String owner = "worker-" + id + "-" + i;
                Family family = random.nextBoolean() ? Family.IPV4 : Family.IPV6;
                AllocationResult result = manager.allocateNext(DEFAULT, family, owner, random.nextInt(8) == 0);
                String previous = live.putIfAbsent(result.address(), owner);
                assertThat(previous).as("%s handed out twice", result.address()).isNull();
                mine.put(result.address(), owner);
                order.add(result.address());
            } else {
                IpAddress address = order.remove(random.nextInt(order.size()));
                String owner = mine.remove(address);
                live.remove(address);
                assertThat(manager.release(address, DEFAULT, random.nextInt(8) == 0)).isEqualTo(owner);
            }
        }
        return mine;
    }
}
