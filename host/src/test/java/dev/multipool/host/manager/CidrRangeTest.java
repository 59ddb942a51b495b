package dev.multipool.host.manager;

import static dev.multipool.host.manager.TestSections.cidr;
import static dev.multipool.host.manager.TestSections.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Cidr;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrRangeTest {

    /** A generator whose {@code nextInt(bound)} always answers the same offset. */
    private static RandomGenerator fixedOffset(int offset) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return offset;
            }

            @Override
            public int nextInt(int bound) {
                return offset % bound;
            }
        };
    }

    @ParameterizedTest(name = "R2/R3: {0} tracks {1} addresses, {2} usable")
    @CsvSource({
        "10.0.0.0/24, 256, 254", "10.0.0.0/27, 32, 30", "10.0.0.0/30, 4, 2", "10.0.0.0/31, 2, 2",
        "10.0.0.0/32, 1, 1", "10.0.0.0/2, 1073741824, 1073741822", "0.0.0.0/1, 0, 0", "0.0.0.0/0, 0, 0",
        "fd00::/96, 65536, 65534", "fd00::/112, 65536, 65534", "fd00::/113, 32768, 32766", "fd00::/64, 65536, 65534",
        "fd00::/123, 32, 30", "fd00::/127, 2, 2", "fd00::/128, 1, 1", "::/1, 0, 0", "::/0, 0, 0"})
    void sizesAndUsableCounts(String text, int size, int usable) {
        CidrRange range = new CidrRange(cidr(text), RangeRules.DEFAULT);
        assertThat(range.size()).isEqualTo(size);
        assertThat(range.usable()).isEqualTo(usable);
        assertThat(range.free()).isEqualTo(usable);
    }

    @Test
    @DisplayName("R1: a prefix with host bits is masked to its network; every address of it is contained")
    void r1Masking() {
        CidrRange range = new CidrRange(cidr("192.168.1.0/16"), RangeRules.DEFAULT);
        assertThat(range.cidr()).hasToString("192.168.0.0/16");
        assertThat(range.contains(ip("192.168.1.1"))).isTrue();
        assertThat(range.indexOf(ip("192.168.1.1"))).isEqualTo(257);
        assertThat(range.contains(ip("192.169.0.0"))).isFalse();
        assertThat(range.contains(ip("fd00::1"))).isFalse();
    }

    @Test
    @DisplayName("R2: an IPv6 range beyond the 65,536 cap contains the address but does not track it")
    void r2Ipv6Cap() {
        CidrRange range = new CidrRange(cidr("fd00::/96"), RangeRules.DEFAULT);
        assertThat(range.contains(ip("fd00::1:0"))).isTrue();
        assertThat(range.indexOf(ip("fd00::1:0"))).isEqualTo(-1);
        assertThat(range.indexOf(ip("fd00::ffff"))).isEqualTo(65535);
        assertThat(range.lastUsable()).isEqualTo(ip("fd00::fffe"));
    }

    @Test
    @DisplayName("S51: a /96 has capacity 65,534; a /32 has 1 usable address, the network address itself")
    void s51() {
        assertThat(new CidrRange(cidr("fd00::/96"), RangeRules.DEFAULT).free()).isEqualTo(65_534);
        CidrRange single = new CidrRange(cidr("10.0.10.0/32"), RangeRules.DEFAULT);
        int index = single.nextFreeIndex(new SplittableRandom(1));
        assertThat(single.addressAt(index)).isEqualTo(ip("10.0.10.0"));
        single.take(index, "a");
        assertThat(single.nextFreeIndex(new SplittableRandom(1))).isEqualTo(-1);
    }

    @ParameterizedTest(name = "R4: {0} with allowFirst={1} allowLast={2} has {3} usable, from {4} to {5}")
    @CsvSource({
        "10.0.0.0/28, true, true, 16, 10.0.0.0, 10.0.0.15", "10.0.0.0/27, false, true, 31, 10.0.0.1, 10.0.0.31",
        "10.0.0.0/27, true, false, 31, 10.0.0.0, 10.0.0.30", "10.0.0.0/27, false, false, 30, 10.0.0.1, 10.0.0.30",
        "10.0.0.0/31, false, false, 2, 10.0.0.0, 10.0.0.1", "fd00::/120, true, true, 256, fd00::, fd00::ff"})
    void r4FirstLastRules(String text, boolean first, boolean last, int usable, String from, String to) {
        CidrRange range = new CidrRange(cidr(text), new RangeRules(first, last));
        assertThat(range.usable()).isEqualTo(usable);
        assertThat(range.firstUsable()).isEqualTo(ip(from));
        assertThat(range.lastUsable()).isEqualTo(ip(to));
    }

    @Test
    @DisplayName("R4: narrowing the rules keeps an allocated edge address allocated but out of the free count")
    void r4NarrowingKeepsAllocations() {
        CidrRange range = new CidrRange(cidr("10.0.0.0/30"), RangeRules.ALLOW_ALL);
        range.take(3, "edge");
        assertThat(range.free()).isEqualTo(3);
        range.applyRules(RangeRules.DEFAULT);
        assertThat(range.usable()).isEqualTo(2);
        assertThat(range.used()).isEqualTo(1);
        assertThat(range.free()).isEqualTo(2);
        assertThat(range.ownerAt(3)).isEqualTo("edge");
        assertThat(range.release(3)).isEqualTo("edge");
        assertThat(range.free()).isEqualTo(2);
    }

    @Test
    @DisplayName("R5: the next address starts at the random offset and wraps around to the window's start")
    void r5RandomStartAndWrap() {
        CidrRange range = new CidrRange(cidr("10.0.0.0/24"), RangeRules.DEFAULT);
        assertThat(range.addressAt(range.nextFreeIndex(fixedOffset(100)))).isEqualTo(ip("10.0.0.101"));
        for (int index = 200; index <= 254; index++) {
            range.take(index, "x");
        }
        assertThat(range.addressAt(range.nextFreeIndex(fixedOffset(199)))).isEqualTo(ip("10.0.0.1"));
        Set<Integer> starts = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            starts.add(range.nextFreeIndex(random));
        }
        assertThat(starts).hasSizeGreaterThan(10);
    }

    @Test
    @DisplayName("R5, R8: filling a /20 by next-address gives every usable address once; used = usable - free")
    void fillsCompletely() {
        CidrRange range = new CidrRange(cidr("10.1.0.0/20"), RangeRules.DEFAULT);
        SplittableRandom random = new SplittableRandom(3);
        BitSet seen = new BitSet();
        for (int i = 0; i < 4094; i++) {
            int index = range.nextFreeIndex(random);
            assertThat(seen.get(index)).isFalse();
            assertThat(range.inWindow(index)).isTrue();
            seen.set(index);
            range.take(index, "o" + i);
            assertThat(range.used()).isEqualTo(range.usable() - range.free());
        }
        assertThat(range.free()).isZero();
        assertThat(range.nextFreeIndex(random)).isEqualTo(-1);
        assertThat(range.release(4095)).isNull();
        assertThat(range.release(77)).isNotNull();
        assertThat(range.nextFreeIndex(random)).isEqualTo(77);
    }

    @Test
    @DisplayName("R7: releasing a free index does nothing and returns no owner")
    void r7ReleaseFree() {
        CidrRange range = new CidrRange(cidr("10.0.0.0/24"), RangeRules.DEFAULT);
        assertThat(range.release(5)).isNull();
        assertThat(range.used()).isZero();
        assertThat(range.free()).isEqualTo(254);
    }

    @Test
    @DisplayName("Paged bitmap: a random sequence of takes and releases on a /12 agrees with a simple model")
    void pagedBitmapAgreesWithModel() {
        Cidr block = cidr("10.16.0.0/12");
        CidrRange range = new CidrRange(block, RangeRules.DEFAULT);
        SplittableRandom random = new SplittableRandom(11);
        boolean[] model = new boolean[range.size()];
        int used = 0;
        for (int step = 0; step < 200_000; step++) {
            int index = 1 + random.nextInt(range.size() - 2);
            if (random.nextInt(3) == 0) {
                int next = range.nextFreeIndex(random);
                assertThat(model[next]).isFalse();
                model[next] = true;
                range.take(next, "n");
                used++;
            } else if (model[index]) {
                assertThat(range.release(index)).isEqualTo("n");
                model[index] = false;
                used--;
            } else {
                assertThat(range.isSet(index)).isFalse();
            }
        }
        assertThat(range.used()).isEqualTo(used);
        int[] count = {0};
        range.forEachUsed((index, owner) -> {
            assertThat(model[index]).isTrue();
            count[0]++;
        });
        assertThat(count[0]).isEqualTo(used);
    }

    @Test
    @DisplayName("Paged bitmap: a huge IPv4 prefix is usable without allocating its whole bitmap")
    void hugePrefix() {
        CidrRange range = new CidrRange(cidr("64.0.0.0/2"), RangeRules.DEFAULT);
        SplittableRandom random = new SplittableRandom(5);
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int index = range.nextFreeIndex(random);
            assertThat(taken.add(index)).isTrue();
            range.take(index, "o");
        }
        assertThat(range.used()).isEqualTo(1000);
        assertThat(range.free()).isEqualTo(range.usable() - 1000);
    }
}
