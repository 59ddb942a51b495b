package dev.multipool.host.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Cidr;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolRequest;
import dev.multipool.api.PoolSection;
import dev.multipool.api.ResourceDocument;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PoolOperatorTest {

    private static final PoolName MARS = PoolName.of("mars");
    private static final PoolName DEFAULT = PoolName.of("default");

    @Test
    @DisplayName("S56/O2: needed 40 with one /27 (30 usable) delegated: exactly one more /27")
    void s56_delegatesOneMoreBlock() {
        PoolOperator operator = operatorWith(pool("mars", List.of("10.0.0.0/16"), 27, 0));
        PoolSection section = new PoolSection(List.of(request(MARS, 40, 0)),
                List.of(allocation(MARS, "10.0.11.0/27")));

        List<PoolAllocation> allocated = operator.reconcile("node-a", section);

        assertThat(allocated).hasSize(1);
        assertThat(allocated.get(0).cidrs()).hasSize(2).contains(Cidr.parse("10.0.11.0/27"));
        Cidr added = allocated.get(0).cidrs().stream().filter(c -> !c.equals(Cidr.parse("10.0.11.0/27"))).findFirst().orElseThrow();
        assertThat(added.prefixLength()).isEqualTo(27);
        assertThat(operator.lastError("node-a")).isEmpty();
    }

    @Test
    @DisplayName("S57/O1: a CIDR the node leaves out is returned to the pool and not listed again")
    void s57_freesBlocksTheNodeNoLongerLists() {
        PoolOperator operator = operatorWith(pool("mars", List.of("10.0.11.0/26"), 27, 0));
        operator.reconcile("node-a", new PoolSection(List.of(request(MARS, 40, 0)), List.of()));
        assertThat(operator.blocksOf("node-a")).containsExactlyInAnyOrder(Cidr.parse("10.0.11.0/27"), Cidr.parse("10.0.11.32/27"));

        List<PoolAllocation> after = operator.reconcile("node-a",
                new PoolSection(List.of(), List.of(allocation(MARS, "10.0.11.32/27"))));

        assertThat(after).containsExactly(allocation(MARS, "10.0.11.32/27"));
        assertThat(operator.blocksOf("node-a")).containsExactly(Cidr.parse("10.0.11.32/27"));
        List<PoolAllocation> other = operator.reconcile("node-b", new PoolSection(List.of(request(MARS, 1, 0)), List.of()));
        assertThat(other).containsExactly(allocation(MARS, "10.0.11.0/27"));
    }

    @Test
    @DisplayName("O2: both families are served, each from its own part of the pool")
    void dualStackRequest() {
        PoolOperator operator = operatorWith(pool("default", List.of("10.10.0.0/16", "fd00:200:1::/48"), 24, 64));

        List<PoolAllocation> allocated = operator.reconcile("node-a",
                new PoolSection(List.of(request(DEFAULT, 1, 1)), List.of()));

        assertThat(allocated).containsExactly(allocation(DEFAULT, "10.10.0.0/24", "fd00:200:1::/64"));
    }

    @Test
    @DisplayName("O3: a pool without a request keeps what the node lists and gets nothing new")
    void poolWithoutRequestKeepsItsBlocks() {
        PoolOperator operator = operatorWith(pool("mars", List.of("10.0.0.0/16"), 24, 0));
        PoolSection section = new PoolSection(List.of(), List.of(allocation(MARS, "10.0.7.0/24")));

        assertThat(operator.reconcile("node-a", section)).containsExactly(allocation(MARS, "10.0.7.0/24"));
    }

    @Test
    @DisplayName("O4: allocated is sorted by pool, IPv4 before IPv6, each family sorted as strings")
    void outputOrder() {
        PoolOperator operator = operatorWith(
                pool("mars", List.of("10.0.0.0/16", "fd00:11::/64"), 32, 128),
                pool("default", List.of("10.1.0.0/16"), 24, 0));
        PoolSection section = new PoolSection(List.of(), List.of(
                allocation(MARS, "fd00:11::2/128", "10.0.100.2/32", "10.0.100.10/32"),
                allocation(DEFAULT, "10.1.1.0/24")));

        List<PoolAllocation> allocated = operator.reconcile("node-a", section);

        assertThat(allocated).containsExactly(allocation(DEFAULT, "10.1.1.0/24"),
                allocation(MARS, "10.0.100.10/32", "10.0.100.2/32", "fd00:11::2/128"));
    }

    @Test
    @DisplayName("O2: an exhausted pool is reported, and what could be delegated is kept")
    void exhaustedPool() {
        PoolOperator operator = operatorWith(pool("mars", List.of("10.0.0.0/24"), 25, 0));

        List<PoolAllocation> allocated = operator.reconcile("node-a",
                new PoolSection(List.of(request(MARS, 1000, 0)), List.of()));

        assertThat(allocated.get(0).cidrs()).containsExactly(Cidr.parse("10.0.0.0/25"), Cidr.parse("10.0.0.128/25"));
        assertThat(operator.lastError("node-a")).hasValueSatisfying(error -> assertThat(error)
                .contains("pool \"mars\"").contains("ipv4").contains("exhausted"));
    }

    @Test
    @DisplayName("O1: a block already delegated to another node is not handed to a second one")
    void blockHeldByAnotherNode() {
        PoolOperator operator = operatorWith(pool("mars", List.of("10.0.0.0/24"), 25, 0));
        operator.reconcile("node-a", new PoolSection(List.of(), List.of(allocation(MARS, "10.0.0.0/25"))));

        operator.occupy("node-b", new PoolSection(List.of(), List.of(allocation(MARS, "10.0.0.0/25"))));

        assertThat(operator.blocksOf("node-b")).isEmpty();
        assertThat(operator.lastError("node-b")).hasValueSatisfying(error -> assertThat(error).contains("node-a"));
        assertThat(operator.reconcile("node-b", new PoolSection(List.of(request(MARS, 1, 0)), List.of())))
                .containsExactly(allocation(MARS, "10.0.0.128/25"));
    }

    @Test
    @DisplayName("O2: unknown pools and families the pool does not offer get nothing")
    void unknownPoolAndMissingFamily() {
        PoolOperator operator = operatorWith(pool("mars", List.of("10.0.0.0/16"), 24, 0));

        List<PoolAllocation> allocated = operator.reconcile("node-a", new PoolSection(
                List.of(request(PoolName.of("jupiter"), 5, 5), request(MARS, 0, 5)), List.of()));

        assertThat(allocated).isEmpty();
        assertThat(operator.lastError("node-a")).hasValueSatisfying(error -> assertThat(error).contains("jupiter"));
    }

    @Test
    @DisplayName("O2: allowFirstIP/allowLastIP count the first and last address as usable")
    void usableCountHonoursFirstLast() {
        PoolOperator strict = operatorWith(pool("mars", List.of("10.0.0.0/16"), 30, 0));
        PoolOperator relaxed = operatorWith(poolWith("mars", List.of("10.0.0.0/16"), 30, true, true));
        PoolSection needsFour = new PoolSection(List.of(request(MARS, 4, 0)), List.of());

        assertThat(strict.reconcile("n", needsFour).get(0).cidrs()).hasSize(2);
        assertThat(relaxed.reconcile("n", needsFour).get(0).cidrs()).hasSize(1);
    }

    @Test
    @DisplayName("O5: a deleted node's blocks go back to the pool; pool updates keep holders")
    void forgetNodeAndPoolUpdate() {
        PoolOperator operator = operatorWith(pool("mars", List.of("10.0.0.0/24"), 25, 0));
        operator.reconcile("node-a", new PoolSection(List.of(request(MARS, 100, 0)), List.of()));
        operator.setPools(List.of(pool("mars", List.of("10.0.0.0/24", "10.0.1.0/24"), 25, 0)));
        assertThat(operator.blocksOf("node-a")).containsExactly(Cidr.parse("10.0.0.0/25"));
        assertThat(operator.reconcile("node-b", new PoolSection(List.of(request(MARS, 100, 0)), List.of())))
                .containsExactly(allocation(MARS, "10.0.0.128/25"));

        operator.forgetNode("node-a");

        assertThat(operator.reconcile("node-c", new PoolSection(List.of(request(MARS, 100, 0)), List.of())))
                .containsExactly(allocation(MARS, "10.0.0.0/25"));
    }

    private static PoolOperator operatorWith(PoolDefinition... pools) {
        PoolOperator operator = new PoolOperator();
        operator.setPools(Arrays.asList(pools));
        return operator;
    }

    private static PoolRequest request(PoolName pool, int v4, int v6) {
        return new PoolRequest(pool, new PoolDemand(v4, v6));
    }

    private static PoolAllocation allocation(PoolName pool, String... cidrs) {
        return new PoolAllocation(pool, Arrays.stream(cidrs).map(Cidr::parse).toList());
    }

    /** A pool whose v4 CIDRs use mask {@code v4Mask} and v6 CIDRs mask {@code v6Mask}. */
    static PoolDefinition pool(String name, List<String> cidrs, int v4Mask, int v6Mask) {
        return PoolDefinition.parse(PoolKind.CILIUM_POD_IP_POOL, ResourceDocument.of(tree(name, cidrs, v4Mask, v6Mask, false, false)));
    }

    private static PoolDefinition poolWith(String name, List<String> cidrs, int v4Mask, boolean first, boolean last) {
        return PoolDefinition.parse(PoolKind.CILIUM_POD_IP_POOL, ResourceDocument.of(tree(name, cidrs, v4Mask, 0, first, last)));
    }

    private static Map<String, Object> tree(String name, List<String> cidrs, int v4Mask, int v6Mask, boolean first, boolean last) {
        Map<String, Object> spec = new LinkedHashMap<>();
        List<String> v4 = cidrs.stream().filter(c -> !c.contains(":")).toList();
        List<String> v6 = cidrs.stream().filter(c -> c.contains(":")).toList();
        if (!v4.isEmpty()) {
            spec.put("ipv4", Map.of("cidrs", v4, "maskSize", v4Mask));
        }
        if (!v6.isEmpty()) {
            spec.put("ipv6", Map.of("cidrs", v6, "maskSize", v6Mask));
        }
        spec.put("allowFirstIP", first);
        spec.put("allowLastIP", last);
        return Map.of("apiVersion", "cilium.io/v2alpha1", "kind", "CiliumPodIPPool",
                "metadata", Map.of("name", name), "spec", spec);
    }
}
