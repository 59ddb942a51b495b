package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registered on an instance field, the extension gives every test a fresh host and removes it afterwards. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerTestHostTest {

    private static final List<Path> SEEN = new ArrayList<>();

    @RegisterExtension
    final MultipoolHostExtension host = MultipoolHostExtension.builder()
            .pluginJar(DemoPlugins.DEMO)
            .option("demo-pre-allocation", "default=1")
            .build();

    @Test
    @Order(1)
    @DisplayName("the first test allocates on its own host")
    void first(TestHost testHost) {
        SEEN.add(testHost.stateDir());
        allocateOnFreshHost(testHost);
    }

    @Test
    @Order(2)
    @DisplayName("the second test starts from an empty host in a new directory; the first one's is gone")
    void second(TestHost testHost) {
        assertThat(SEEN).hasSize(1);
        assertThat(testHost.stateDir()).isNotEqualTo(SEEN.get(0));
        assertThat(SEEN.get(0)).doesNotExist();
        allocateOnFreshHost(testHost);
    }

    private static void allocateOnFreshHost(TestHost testHost) {
        assertThat(testHost.client().consumer("demo").json().at("/pools/0/ipv4/allocations").size()).isZero();
        testHost.client().ipam("demo").allocateNext("ns/only").expectStatus(201);
        assertThat(testHost.client().consumer("demo").json().at("/pools/0/ipv4/allocations").size()).isEqualTo(1);
    }
}
