package dev.multipool.bench.allocator;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSection;
import dev.multipool.host.manager.ManagerParams;
import dev.multipool.host.manager.MultiPoolManager;
import dev.multipool.host.manager.RangeProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Allocate-then-release of one IPv4 address, against a raw {@code long[]} bitmap baseline
 * ({@link RawBitmap}) doing the same random-start scan and release, on a /24, a /16 and a /12
 * (1,048,576 addresses), empty or 90 % full, at two levels: the allocator itself (one
 * {@code CidrRange} through {@link RangeProbe}: the paged bitmap, owner slots, counters and usable
 * window) and the {@link MultiPoolManager}'s public API around it (lock, pool lookup, masquerade
 * policy, pending bookkeeping and the result record). Every side uses {@link SplittableRandom}.
 * See docs/benchmarks.md.
 *
 * <p>The fork runs with a 256 MB heap: the /12 at 90 % holds 943,718 distinct owners.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class AllocatorBenchmark {

    private static final PoolName POOL = PoolName.of("default");
    private static final int SPECIFIC_TARGETS = 1024;

    /** The prefix length of the pool's only CIDR. */
    @Param({"24", "16", "12"})
    public int prefix;

    /** Percentage of usable addresses allocated before measuring. */
    @Param({"0", "90"})
    public int fillPercent;

    private MultiPoolManager manager;
    private RangeProbe range;
    private RawBitmap baseline;
    private IpAddress[] specificAddresses;
    private int[] specificIndexes;
    private int cursor;
    private final Object lock = new Object();
    private final SpinLock spinLock = new SpinLock();

    /** Builds both allocators with the same fill level and picks free addresses for specific requests. */
    @Setup(Level.Trial)
    public void setUp() {
        Cidr cidr = new Cidr(IpAddress.parse("10.16.0.0"), prefix);
        int usable = (int) cidr.addressCount() - 2;
        int fill = (int) ((long) usable * fillPercent / 100);

        manager = new MultiPoolManager(ManagerParams.builder("bench").enabledFamilies(Family.IPV4)
                .random(new SplittableRandom(1)).build());
        manager.upsertNode(new PoolSection(List.of(), List.of(new PoolAllocation(POOL, List.of(cidr)))));
        for (int i = 0; i < fill; i++) {
            manager.allocateNext(POOL, Family.IPV4, "fill-" + i, false);
        }

        range = new RangeProbe(cidr, new SplittableRandom(1));
        for (int i = 0; i < fill; i++) {
            range.next("fill-" + i);
        }

        // the baseline's bit i stands for the address network + 1 + i, the range's index i + 1
        baseline = new RawBitmap(usable, new SplittableRandom(1));
        for (int i = 0; i < fill; i++) {
            baseline.next();
        }

        List<IpAddress> addresses = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        SplittableRandom picker = new SplittableRandom(2);
        while (addresses.size() < Math.min(SPECIFIC_TARGETS, usable - fill)) {
            int index = picker.nextInt(usable);
            IpAddress address = cidr.network().plus(index + 1L);
            if (!baseline.isSet(index) && !addresses.contains(address)
                    && isFreeInManager(address) && isFreeInRange(index + 1)) {
                addresses.add(address);
                indexes.add(index);
            }
        }
        specificAddresses = addresses.toArray(IpAddress[]::new);
        specificIndexes = indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean isFreeInManager(IpAddress address) {
        try {
            manager.allocate(address, POOL, "probe", false);
        } catch (RuntimeException inUse) {
            return false;
        }
        manager.release(address, POOL, false);
        return true;
    }

    private boolean isFreeInRange(int index) {
        if (!range.take(index, "probe")) {
            return false;
        }
        range.release(index);
        return true;
    }

    /** The allocator (one range, no lock, no lookup, no result object): next index, then free it. */
    @Benchmark
    public String rangeNextRelease() {
        return range.release(range.next("bench"));
    }

    /** The allocator: one specific free index, then free it. */
    @Benchmark
    public String rangeSpecificRelease() {
        int index = specificIndexes[cursor] + 1;
        cursor = (cursor + 1) % specificIndexes.length;
        range.take(index, "bench");
        return range.release(index);
    }

    /** The manager: next address, then release it. */
    @Benchmark
    public AllocationResult managerNextRelease() {
        AllocationResult result = manager.allocateNext(POOL, Family.IPV4, "bench", false);
        manager.release(result.address(), POOL, false);
        return result;
    }

    /** The baseline: next clear bit from a random start, then clear it. */
    @Benchmark
    public int baselineNextRelease() {
        int index = baseline.next();
        baseline.release(index);
        return index;
    }

    /**
     * Reference, not a goal: the baseline with the one lock a thread-safe allocator must take per
     * call (a monitor around the next and around the release, as the manager takes), to show how
     * much of the manager's cost is the lock itself. The two critical sections sit in methods that
     * are not inlined, so the JIT cannot merge them into one.
     */
    @Benchmark
    public int lockedBaselineNextRelease() {
        int index = lockedNext();
        lockedRelease(index);
        return index;
    }

    /** Reference, not a goal: the specific baseline with one lock per call, as above. */
    @Benchmark
    public boolean lockedBaselineSpecificRelease() {
        int index = specificIndexes[cursor];
        cursor = (cursor + 1) % specificIndexes.length;
        boolean taken = lockedTake(index);
        lockedRelease(index);
        return taken;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private int lockedNext() {
        synchronized (lock) {
            return baseline.next();
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private boolean lockedTake(int index) {
        synchronized (lock) {
            return baseline.take(index);
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private void lockedRelease(int index) {
        synchronized (lock) {
            baseline.release(index);
        }
    }

    /**
     * Reference, not a goal: the baseline behind the cheapest lock ({@link SpinLock}: one
     * compare-and-set per call), in non-inlined methods as above.
     */
    @Benchmark
    public int spinLockedBaselineNextRelease() {
        int index = spinLockedNext();
        spinLockedRelease(index);
        return index;
    }

    /**
     * Reference, not a goal: the allocator behind the cheapest lock, a lower bound for any
     * allocator that takes a lock per call and records owners (no pool lookup, no result object).
     */
    @Benchmark
    public String spinLockedRangeNextRelease() {
        return spinLockedRangeRelease(spinLockedRangeNext());
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private int spinLockedNext() {
        spinLock.lock();
        try {
            return baseline.next();
        } finally {
            spinLock.unlock();
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private void spinLockedRelease(int index) {
        spinLock.lock();
        try {
            baseline.release(index);
        } finally {
            spinLock.unlock();
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private int spinLockedRangeNext() {
        spinLock.lock();
        try {
            return range.next("bench");
        } finally {
            spinLock.unlock();
        }
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private String spinLockedRangeRelease(int index) {
        spinLock.lock();
        try {
            return range.release(index);
        } finally {
            spinLock.unlock();
        }
    }

    /** The manager: one specific free address, then release it. */
    @Benchmark
    public AllocationResult managerSpecificRelease() {
        IpAddress address = specificAddresses[cursor];
        cursor = (cursor + 1) % specificAddresses.length;
        AllocationResult result = manager.allocate(address, POOL, "bench", false);
        manager.release(address, POOL, false);
        return result;
    }

    /** The baseline: set one specific clear bit, then clear it. */
    @Benchmark
    public boolean baselineSpecificRelease() {
        int index = specificIndexes[cursor];
        cursor = (cursor + 1) % specificIndexes.length;
        boolean taken = baseline.take(index);
        baseline.release(index);
        return taken;
    }
}
