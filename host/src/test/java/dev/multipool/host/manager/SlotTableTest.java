package dev.multipool.host.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlotTableTest {

    @Test
    void randomOperationsAgreeWithHashMap() {
        SlotTable table = new SlotTable();
        Map<Integer, Integer> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int step = 0; step < 120_000; step++) {
            // a small key space forces collisions, growth and shrinking
            int key = random.nextInt(step < 60_000 ? 5_000 : 300);
            if (model.containsKey(key)) {
                assertThat(table.remove(key)).isEqualTo(model.remove(key));
            } else if (random.nextBoolean()) {
                table.put(key, step);
                model.put(key, step);
            } else {
                assertThat(table.get(key)).isEqualTo(-1);
                assertThat(table.remove(key)).isEqualTo(-1);
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        model.forEach((key, slot) -> assertThat(table.get(key)).isEqualTo(slot));
        Map<Integer, Integer> visited = new HashMap<>();
        table.forEach(visited::put);
        assertThat(visited).isEqualTo(model);
    }
}
