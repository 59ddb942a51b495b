package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stop, start and restart keep the host's directory: allocations and node edits survive. */
class TestHostRestartTest {

    @RegisterExtension
    static final MultipoolHostExtension HOST = MultipoolHostExtension.builder()
            .pluginJar(DemoPlugins.DEMO)
            .option("demo-pre-allocation", "default=1")
            .build();

    @Test
    @DisplayName("an address allocated before a restart is still held by its owner after it")
    void allocationsSurviveARestart(TestHost host) {
        String address = host.client().freeAddress("demo", "default", Family.IPV4).orElseThrow();
        host.client().ipam("demo").allocate(address, "ns/survivor", "default").expectStatus(200);

        host.restart();

        assertThat(host.isRunning()).isTrue();
        assertThat(host.client().consumer("demo").expectStatus(200).json()
                .at("/pools/0/ipv4/allocations").get(address).asString()).isEqualTo("ns/survivor");
        assertThat(host.client().ipam("demo").allocate(address, "ns/intruder", "default").status()).isEqualTo(409);
    }

    @Test
    @DisplayName("an edit made while the host is stopped is what the host reads when it starts")
    void editWhileStopped(TestHost host) {
        host.stop();
        assertThat(host.isRunning()).isFalse();

        host.node().edit(node -> node.with(List.of("metadata", "annotations", "example.dev/owner"), "team-a"));
        host.start();

        assertThat(host.client().healthz().status()).isEqualTo(200);
        assertThat(host.node().read().annotations()).containsEntry("example.dev/owner", "team-a");
    }
}
