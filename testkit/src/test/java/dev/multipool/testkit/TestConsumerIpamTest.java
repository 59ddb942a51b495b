package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotAllocatedException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-memory manager: allocation from the ranges a test gives, the manager's errors, node and first sync. */
class TestConsumerIpamTest {

    private static final PoolName BLUE = PoolName.of("blue");

    private final TestConsumerIpam ipam = new TestConsumerIpam().range("blue", "10.0.0.0/30").range("blue", "fd00::/126");

    private static String address(AllocationResult result) {
        return result.address().toString();
    }

    @Test
    @DisplayName("allocateNext takes the lowest free address of the pool's range of the family, until the range is full")
    void lowestFreeFirstUntilExhausted() {
        List<String> v4 = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            v4.add(address(ipam.allocateNext(BLUE, Family.IPV4, "owner-" + i)));
        }
        AllocationResult v6 = ipam.allocateNext(BLUE, Family.IPV6, "owner-0");

        assertThat(v4).containsExactly("10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3");
        assertThat(v6.cidr().toString()).isEqualTo("fd00::/126");
        assertThat(ipam.hasFreeAddress(BLUE, Family.IPV4)).isFalse();
        assertThat(ipam.hasFreeAddress(BLUE, Family.IPV6)).isTrue();
        assertThatThrownBy(() -> ipam.allocateNext(BLUE, Family.IPV4, "late"))
                .isInstanceOf(PoolExhaustedException.class).hasMessageContaining("blue");

        ipam.release(IpAddress.parse("10.0.0.1"), BLUE);
        assertThat(address(ipam.allocateNext(BLUE, Family.IPV4, "late"))).isEqualTo("10.0.0.1");
        assertThat(ipam.allocationsOf("owner-0")).extracting(TestConsumerIpamTest::address)
                .containsExactlyInAnyOrder("10.0.0.0", "fd00::");
    }

    @Test
    @DisplayName("a pool without a range is not ready; notReadyFor fails that many attempts, then the range serves")
    void notReadyThenReady() {
        ipam.notReadyFor("blue", Family.IPV6, 2);

        assertThat(ipam.hasFreeAddress(BLUE, Family.IPV6)).isFalse();
        assertThatThrownBy(() -> ipam.allocateNext(PoolName.of("red"), Family.IPV4, "x"))
                .isInstanceOf(PoolNotReadyException.class);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> ipam.allocateNext(BLUE, Family.IPV6, "x")).isInstanceOf(PoolNotReadyException.class);
        }
        assertThat(address(ipam.allocateNext(BLUE, Family.IPV6, "x"))).isEqualTo("fd00::");
        assertThat(ipam.calls()).containsExactly("next red ipv4 x", "next blue ipv6 x", "next blue ipv6 x",
                "next blue ipv6 x");
    }

    @Test
    @DisplayName("a specific address: outside the range, in use, or of a disabled family is refused and changes nothing")
    void specificAddressRules() {
        TestConsumerIpam v4Only = new TestConsumerIpam(Set.of(Family.IPV4)).range("blue", "10.0.0.0/30");
        AllocationResult held = v4Only.allocate(IpAddress.parse("10.0.0.2"), BLUE, "first");

        assertThatThrownBy(() -> v4Only.allocate(IpAddress.parse("10.0.0.2"), BLUE, "second"))
                .isInstanceOf(AddressInUseException.class).hasMessageContaining("10.0.0.2");
        assertThatThrownBy(() -> v4Only.allocate(IpAddress.parse("10.0.1.1"), BLUE, "second"))
                .isInstanceOf(AddressNotInRangeException.class).hasMessageContaining("10.0.1.1").hasMessageContaining("blue");
        assertThatThrownBy(() -> v4Only.allocate(IpAddress.parse("fd00::1"), BLUE, "second"))
                .isInstanceOf(FamilyDisabledException.class);
        assertThatThrownBy(() -> v4Only.allocateNext(BLUE, Family.IPV6, "second"))
                .isInstanceOf(FamilyDisabledException.class);

        assertThat(v4Only.allocated()).containsExactly(Map.entry(IpAddress.parse("10.0.0.2"), held));
        assertThat(v4Only.calls()).first().isEqualTo("specific blue 10.0.0.2 first");
    }

    @Test
    @DisplayName("release must name the pool the address was taken from")
    void releaseChecksThePool() {
        ipam.allocate(IpAddress.parse("10.0.0.1"), BLUE, "owner");

        assertThatThrownBy(() -> ipam.release(IpAddress.parse("10.0.0.1"), PoolName.of("red")))
                .isInstanceOf(AddressNotAllocatedException.class).hasMessageContaining("\"red\"");
        assertThatThrownBy(() -> ipam.release(IpAddress.parse("10.0.0.2"), BLUE))
                .isInstanceOf(AddressNotAllocatedException.class);
        assertThat(ipam.allocations()).hasSize(1);

        ipam.release(IpAddress.parse("10.0.0.1"), BLUE);
        assertThat(ipam.allocations()).isEmpty();
    }

    @Test
    @DisplayName("the node resource is empty until set; setting it tells the node listeners; first sync is off until set")
    void nodeAndFirstSync() {
        List<String> heard = new ArrayList<>();
        Subscription subscription = ipam.onNodeChange(() -> heard.add(ipam.node().orElseThrow().name()));

        assertThat(ipam.node()).isEmpty();
        assertThat(ipam.firstSyncDone()).isFalse();

        ipam.node(ResourceDocument.of(Map.of("metadata", Map.of("name", "node-a")))).firstSyncDone(true);
        subscription.close();
        ipam.node(ResourceDocument.of(Map.of("metadata", Map.of("name", "node-b"))));

        assertThat(heard).containsExactly("node-a");
        assertThat(ipam.node().orElseThrow().name()).isEqualTo("node-b");
        assertThat(ipam.firstSyncDone()).isTrue();
    }
}
