package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PoolSectionTest {

    private static final PoolName BLUE = PoolName.of("blue");
    private static final PoolName RED = PoolName.of("red");

    @Test
    @DisplayName("a section copies its lists: later changes to the caller's lists do not leak in")
    void sectionCopiesLists() {
        List<PoolRequest> requested = new ArrayList<>(List.of(new PoolRequest(BLUE, new PoolDemand(1, 0))));
        List<PoolAllocation> allocated = new ArrayList<>(List.of(new PoolAllocation(BLUE, List.of())));
        PoolSection section = new PoolSection(requested, allocated);

        requested.clear();
        allocated.add(new PoolAllocation(RED, List.of()));

        assertThat(section.requested()).hasSize(1);
        assertThat(section.allocated()).hasSize(1);
        assertThatThrownBy(() -> section.requested().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> section.allocated().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("an allocation copies its CIDR list and filters by family in list order")
    void allocationCopiesCidrs() {
        List<Cidr> cidrs = new ArrayList<>(List.of(Cidr.parse("10.0.1.0/24"), Cidr.parse("fd00::/64"),
                Cidr.parse("10.0.0.0/24")));
        PoolAllocation allocation = new PoolAllocation(BLUE, cidrs);
        cidrs.clear();

        assertThat(allocation.cidrs()).hasSize(3);
        assertThat(allocation.cidrs(Family.IPV4)).containsExactly(Cidr.parse("10.0.1.0/24"),
                Cidr.parse("10.0.0.0/24"));
        assertThat(allocation.cidrs(Family.IPV6)).containsExactly(Cidr.parse("fd00::/64"));
        assertThatThrownBy(() -> allocation.cidrs().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new PoolAllocation(BLUE, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new PoolAllocation(BLUE, new ArrayList<>(java.util.Collections.singletonList(null))))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("equal lists make equal sections; lookups find the first entry of a pool")
    void equalityAndLookup() {
        PoolSection section = new PoolSection(List.of(new PoolRequest(BLUE, new PoolDemand(2, 0))),
                List.of(new PoolAllocation(RED, List.of(Cidr.parse("10.0.0.0/24")))));

        assertThat(section).isEqualTo(new PoolSection(List.of(new PoolRequest(BLUE, new PoolDemand(2, 0))),
                List.of(new PoolAllocation(RED, List.of(Cidr.parse("10.0.0.0/24"))))));
        assertThat(section.request(BLUE)).map(PoolRequest::needed).contains(new PoolDemand(2, 0));
        assertThat(section.request(RED)).isEmpty();
        assertThat(section.allocation(RED)).isPresent();
        assertThat(section.allocation(BLUE)).isEmpty();
        assertThat(section.isEmpty()).isFalse();
        assertThat(PoolSection.EMPTY.isEmpty()).isTrue();
        assertThat(section.withRequested(List.of()).withAllocated(List.of())).isEqualTo(PoolSection.EMPTY);
    }
}
