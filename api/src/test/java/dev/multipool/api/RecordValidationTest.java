package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The validating constructors of records that have no test class of their own. */
class RecordValidationTest {

    private static final PoolName BLUE = PoolName.of("blue");

    @Test
    @DisplayName("FamilyPool: needs one family, at least one CIDR and a block size inside the prefix and the family")
    void familyPool() {
        FamilyPool pool = new FamilyPool(List.of(Cidr.parse("10.0.0.0/16"), Cidr.parse("10.1.0.0/16")), 24);
        assertThat(pool.family()).isEqualTo(Family.IPV4);
        assertThatThrownBy(() -> new FamilyPool(List.of(), 24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one CIDR");
        assertThatThrownBy(() -> new FamilyPool(List.of(Cidr.parse("10.0.0.0/16"), Cidr.parse("fd00::/64")), 24))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fd00::/64");
        assertThatThrownBy(() -> new FamilyPool(List.of(Cidr.parse("10.0.0.0/16")), 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than the prefix");
        assertThatThrownBy(() -> new FamilyPool(List.of(Cidr.parse("10.0.0.0/16")), 33))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range 1..32");
        assertThatThrownBy(() -> new FamilyPool(null, 24)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("AllocationResult: the address must lie in the CIDR it came from")
    void allocationResult() {
        Cidr cidr = Cidr.parse("10.20.0.0/24");
        assertThat(new AllocationResult(IpAddress.parse("10.20.0.9"), BLUE, cidr, "ns/a", true).family())
                .isEqualTo(Family.IPV4);
        assertThatThrownBy(() -> new AllocationResult(IpAddress.parse("10.21.0.9"), BLUE, cidr, "ns/a", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("address 10.21.0.9 is not inside 10.20.0.0/24");
        assertThatThrownBy(() -> new AllocationResult(IpAddress.parse("10.20.0.9"), BLUE, cidr, null, false))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("ConsumerDefinition: pre-allocation counts are 0 or more and every key is a pool")
    void consumerDefinitionPreAllocation() {
        PoolSectionAccessor pods = PoolSectionAccessor.atPath("spec", "ipam", "pools");
        ConsumerDefinition.Builder builder = ConsumerDefinition.builder(pods, PoolKind.CILIUM_POD_IP_POOL);
        assertThat(builder.preAllocation(Map.of(BLUE, 0)).build().preAllocation()).containsEntry(BLUE, 0);
        assertThatThrownBy(() -> builder.preAllocation(Map.of(BLUE, -1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid pre-allocation for pool \"blue\": -1 (must be 0 or more)");
        Map<PoolName, Integer> nullKey = new HashMap<>();
        nullKey.put(null, 4);
        assertThatThrownBy(() -> builder.preAllocation(nullKey).build())
                .isInstanceOf(NullPointerException.class).hasMessage("preAllocation has a null pool");
    }
}
