package dev.multipool.plugins.pod.range;

import static dev.multipool.plugins.pod.range.NodeAllocCidrsTest.entry;
import static dev.multipool.plugins.pod.range.NodeAllocCidrsTest.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Spec P6: the alloc range reported per family (host-addressing.&lt;family&gt;.alloc-range). */
class LocalNodeAllocRangeTest {

    @Test
    @DisplayName("S31: the alloc range of each family is its primary alloc CIDR")
    void s31ReportsThePrimary() {
        var resolver = new LocalNodeAllocRange();
        var node = node(List.of(), List.of(entry("default", "10.0.22.0/24", "fd00:22::/96"),
                entry("mars", "10.0.11.0/27", "fd00:11::/123")));

        assertThat(resolver.allocRange(node, Family.IPV4)).contains(Cidr.parse("10.0.22.0/24"));
        assertThat(resolver.allocRange(node, Family.IPV6)).contains(Cidr.parse("fd00:22::/96"));
    }

    @Test
    @DisplayName("P6: a new primary replaces the old one")
    void p6NewPrimaryReplaces() {
        var resolver = new LocalNodeAllocRange();
        resolver.allocRange(node(List.of(), List.of(entry("default", "10.0.22.0/24"))), Family.IPV4);

        assertThat(resolver.allocRange(node(List.of(), List.of(entry("mars", "10.0.11.0/27"))), Family.IPV4))
                .contains(Cidr.parse("10.0.11.0/27"));
    }

    @Test
    @DisplayName("P6: when a family has no CIDR at all, the last primary is kept, not cleared")
    void p6FamilyWithoutCidrKeepsTheLastPrimary() {
        var resolver = new LocalNodeAllocRange();
        resolver.allocRange(node(List.of(), List.of(entry("default", "10.0.22.0/24", "fd00:22::/96"))), Family.IPV6);

        var v4Only = node(List.of(), List.of(entry("default", "10.0.22.0/24")));

        assertThat(resolver.allocRange(v4Only, Family.IPV6)).contains(Cidr.parse("fd00:22::/96"));
        assertThat(resolver.allocRange(v4Only, Family.IPV4)).contains(Cidr.parse("10.0.22.0/24"));
    }

    @Test
    @DisplayName("P6: nothing is reported before any CIDR of the family was seen")
    void p6NothingBeforeTheFirstCidr() {
        var resolver = new LocalNodeAllocRange();

        assertThat(resolver.allocRange(node(List.of(), List.of()), Family.IPV4)).isEmpty();
    }
}
