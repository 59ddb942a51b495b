package dev.multipool.bench.allocator;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import dev.multipool.host.manager.ManagerParams;
import dev.multipool.host.manager.MultiPoolManager;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Measures the retained heap of a manager holding 1,048,576 IPv4 addresses (one /12) with 100,000
 * of them allocated to distinct owners, and of the same with 90 % allocated. Run it with a small
 * heap to show it fits: {@code java -Xmx256m -cp bench/target/benchmarks.jar
 * dev.multipool.bench.allocator.AllocatorFootprint}.
 */
public final class AllocatorFootprint {

    private AllocatorFootprint() {
    }

    /**
     * Prints the retained heap for each fill level.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PoolName pool = PoolName.of("default");
        for (int allocated : new int[] {100_000, 943_718}) {
            long before = usedAfterGc();
            MultiPoolManager manager = new MultiPoolManager(ManagerParams.builder("footprint").build());
            manager.upsertNode(new PoolSection(List.of(),
                    List.of(new PoolAllocation(pool, List.of(Cidr.parse("10.16.0.0/12"))))));
            for (int i = 0; i < allocated; i++) {
                manager.allocateNext(pool, Family.IPV4, "default/pod-" + i, false);
            }
            long after = usedAfterGc();
            long ownerStrings = estimateOwnerStrings(allocated);
            System.out.printf("/12 with %,d allocated: retained %.1f MB (of which owner strings about %.1f MB), "
                            + "max heap %d MB, in use %d%n", allocated, (after - before) / 1e6, ownerStrings / 1e6,
                    Runtime.getRuntime().maxMemory() >> 20, manager.inUse(pool, Family.IPV4));
        }
    }

    private static long estimateOwnerStrings(int count) {
        // String header + fields (24 bytes) and a byte[] of about 15 Latin-1 chars (16 + 15, padded to 32)
        return count * 56L;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
