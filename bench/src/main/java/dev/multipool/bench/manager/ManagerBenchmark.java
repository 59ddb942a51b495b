package dev.multipool.bench.manager;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.Cidr;
import dev.multipool.api.DemandMode;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolRequest;
import dev.multipool.api.PoolSection;
import dev.multipool.bench.allocator.RawBitmap;
import dev.multipool.host.manager.Demand;
import dev.multipool.host.manager.ManagerParams;
import dev.multipool.host.manager.MultiPoolManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link MultiPoolManager} holding 1,000 pools with both families (an IPv4 /24 and an IPv6
 * /120 each, 64 addresses of each in use, a pre-allocation of 16 per pool, restore finished), the
 * size of a very large node. Measured against baselines in the same run:
 *
 * <ul>
 *   <li>{@code managerNextRelease}: allocate the next address of one (pool, family), then release
 *       it, visiting the 2,000 (pool, family) pairs in a shuffled order. Baseline
 *       {@code baselineNextRelease}: 2,000 raw {@code long[]} bitmaps picked by array index.</li>
 *   <li>{@code managerComputeSync}: one sync computation (demand of every pool, the excess-CIDR pass,
 *       the complete section to write). Baseline {@code baselineSection}: building the same section
 *       (1,000 requests, 1,000 allocations) from values already at hand, i.e. only its output.</li>
 *   <li>{@code demandOfEveryPool}: {@link Demand#of} for the 2,000 (pool, family) pairs (the demand
 *       rule alone). Baseline {@code baselineDemand}: the same rounding written inline.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class ManagerBenchmark {

    static final int POOLS = 1000;
    static final int IN_USE = 64;
    static final int PRE_ALLOCATION = 16;

    private final PoolName[] names = new PoolName[POOLS];
    private final List<List<Cidr>> cidrs = new ArrayList<>();
    private MultiPoolManager manager;
    private RawBitmap[] bitmaps;
    private int[] order;
    private long[] inUse;
    private int cursor;

    /** Builds the manager and the baselines with the same pools and fill. */
    @Setup(Level.Trial)
    public void setUp() {
        Map<PoolName, Integer> preAllocation = new HashMap<>();
        List<PoolAllocation> allocated = new ArrayList<>();
        for (int i = 0; i < POOLS; i++) {
            names[i] = PoolName.of(String.format("pool-%03d", i));
            preAllocation.put(names[i], PRE_ALLOCATION);
            Cidr v4 = new Cidr(IpAddress.ipv4(0x0A10_0000L + i * 256L), 24);
            Cidr v6 = new Cidr(IpAddress.ipv6(0xFD00_0000_0000_0000L, i * 256L), 120);
            cidrs.add(List.of(v4, v6));
            allocated.add(new PoolAllocation(names[i], List.of(v4, v6)));
        }
        manager = new MultiPoolManager(ManagerParams.builder("bench").enabledFamilies(Family.IPV4, Family.IPV6)
                .preAllocation(preAllocation).random(new SplittableRandom(1)).build());
        manager.upsertNode(new PoolSection(List.of(), allocated));
        bitmaps = new RawBitmap[2 * POOLS];
        SplittableRandom random = new SplittableRandom(1);
        inUse = new long[2 * POOLS];
        for (int k = 0; k < 2 * POOLS; k++) {
            bitmaps[k] = new RawBitmap(254, random);
            for (int n = 0; n < IN_USE; n++) {
                manager.allocateNext(names[k / 2], family(k), "fill-" + k + "-" + n, false);
                bitmaps[k].next();
            }
            inUse[k] = IN_USE;
        }
        manager.restoreFinished(Family.IPV4);
        manager.restoreFinished(Family.IPV6);
        if (manager.computeSync().orElseThrow().allocated().size() != POOLS) {
            throw new IllegalStateException("the first sync gave CIDRs back; the benchmark needs a stable state");
        }
        order = new int[2 * POOLS];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        SplittableRandom shuffle = new SplittableRandom(3);
        for (int k = order.length - 1; k > 0; k--) {
            int j = shuffle.nextInt(k + 1);
            int swap = order[k];
            order[k] = order[j];
            order[j] = swap;
        }
    }

    private static Family family(int k) {
        return (k & 1) == 0 ? Family.IPV4 : Family.IPV6;
    }

    private int nextPair() {
        int k = order[cursor];
        cursor = cursor + 1 == order.length ? 0 : cursor + 1;
        return k;
    }

    /** The manager: next address of one (pool, family), then release it. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public AllocationResult managerNextRelease() {
        int k = nextPair();
        PoolName pool = names[k >> 1];
        AllocationResult result = manager.allocateNext(pool, family(k), "bench", false);
        manager.release(result.address(), pool, false);
        return result;
    }

    /** The baseline: a raw bitmap picked by index, next clear bit, then clear it. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int baselineNextRelease() {
        RawBitmap bitmap = bitmaps[nextPair()];
        int index = bitmap.next();
        bitmap.release(index);
        return index;
    }

    /** The manager: one sync computation over the 1,000 pools. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<PoolSection> managerComputeSync() {
        return manager.computeSync();
    }

    /** The baseline: the same section built from values at hand. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public PoolSection baselineSection() {
        List<PoolRequest> requested = new ArrayList<>(POOLS);
        List<PoolAllocation> allocated = new ArrayList<>(POOLS);
        for (int i = 0; i < POOLS; i++) {
            requested.add(new PoolRequest(names[i], new PoolDemand(ceil(inUse[2 * i]), ceil(inUse[2 * i + 1]))));
            allocated.add(new PoolAllocation(names[i], cidrs.get(i)));
        }
        return new PoolSection(requested, allocated);
    }

    /** The demand rule alone for the 2,000 (pool, family) pairs. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long demandOfEveryPool() {
        Integer preAllocation = PRE_ALLOCATION;
        long total = 0;
        for (long used : inUse) {
            total += Demand.of(used, preAllocation, DemandMode.CEIL, true);
        }
        return total;
    }

    /** The baseline: the same rounding inline. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long baselineDemand() {
        long total = 0;
        for (long used : inUse) {
            total += ceil(used);
        }
        return total;
    }

    private static int ceil(long n) {
        long quotient = n / PRE_ALLOCATION;
        return (int) (n % PRE_ALLOCATION > 0 ? (quotient + 2) * PRE_ALLOCATION : (quotient + 1) * PRE_ALLOCATION);
    }
}
