package dev.multipool.host.manager;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OwnerTableTest {

    @Test
    void randomOperationsAgreeWithHashMap() {
        OwnerTable table = new OwnerTable();
        Map<Integer, String> model = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int step = 0; step < 120_000; step++) {
            // a small key space forces collisions, growth and shrinking
            int key = random.nextInt(step < 60_000 ? 5_000 : 300);
            if (model.containsKey(key)) {
                assertThat(table.remove(key)).isEqualTo(model.remove(key));
            } else if (random.nextBoolean()) {
                String owner = "o" + step;
                table.put(key, owner);
                model.put(key, owner);
            } else {
                assertThat(table.get(key)).isNull();
                assertThat(table.remove(key)).isNull();
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        model.forEach((key, owner) -> assertThat(table.get(key)).isEqualTo(owner));
        Map<Integer, String> visited = new HashMap<>();
        table.forEach(visited::put);
        assertThat(visited).isEqualTo(model);
    }
}
