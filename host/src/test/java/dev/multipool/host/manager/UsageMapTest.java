package dev.multipool.host.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageMapTest {

    @ParameterizedTest(name = "size {0}: owners and bits agree with a map through growth and compaction")
    @ValueSource(ints = {4, 256, 1 << 16, 1 << 23})
    void agreesWithModel(int size) {
        UsageMap usage = new UsageMap(size);
        Map<Integer, String> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(size);
        int keySpace = Math.min(size, 20_000);
        for (int step = 0; step < 60_000; step++) {
            // a first phase fills up, a second drains to a few hundred, forcing slab compaction
            int index = random.nextInt(step < 30_000 ? keySpace : Math.min(keySpace, 300));
            if (model.containsKey(index)) {
                assertThat(usage.release(index)).isEqualTo(model.remove(index));
            } else if (step < 30_000 || random.nextInt(4) == 0) {
                String owner = "o" + step;
                usage.take(index, owner);
                model.put(index, owner);
            } else {
                assertThat(usage.release(index)).isNull();
            }
            assertThat(usage.isSet(index)).isEqualTo(model.containsKey(index));
        }
        if (size > 300) {
            for (int index = 300; index < keySpace; index++) {
                if (model.containsKey(index)) {
                    assertThat(usage.release(index)).isEqualTo(model.remove(index));
                }
            }
        }
        model.forEach((index, owner) -> assertThat(usage.ownerAt(index)).isEqualTo(owner));
        Map<Integer, String> visited = new HashMap<>();
        usage.forEachUsed(visited::put);
        assertThat(visited).isEqualTo(model);
    }
}
