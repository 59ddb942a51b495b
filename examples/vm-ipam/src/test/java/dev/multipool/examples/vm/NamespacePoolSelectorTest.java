package dev.multipool.examples.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Family;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolSelectionException;
import dev.multipool.api.SelectionRequest;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamespacePoolSelectorTest {

    private final NamespacePoolSelector selector = new NamespacePoolSelector(
            Map.of("tenant-a", new PoolName("tenant-a-pool")), new PoolName("vm-default"));

    @Test
    @DisplayName("the namespace's pool, else the default pool; the interface part does not matter")
    void selects() {
        PoolName tenantPool = new PoolName("tenant-a-pool");

        assertThat(selector.select(new SelectionRequest("tenant-a/db-1", Family.IPV4))).isEqualTo(tenantPool);
        assertThat(selector.select(new SelectionRequest("tenant-a/db-1/eth1", Family.IPV6))).isEqualTo(tenantPool);
        assertThat(selector.select(new SelectionRequest("shop/web-1", Family.IPV4))).isEqualTo(new PoolName("vm-default"));
    }

    @Test
    @DisplayName("owners that are not <namespace>/<vm>[/<interface>] are refused with the owner and family in the error")
    void refusesBadOwners() {
        for (String owner : new String[] {"", "web-1", "Shop/web-1", "shop/", "shop/web_1", "a/b/c/d", "shop/web-1/"}) {
            assertThatThrownBy(() -> selector.select(new SelectionRequest(owner, Family.IPV4)))
                    .as(owner).isInstanceOf(PoolSelectionException.class).hasMessageContaining("\"" + owner + "\"");
        }
    }

    @Test
    @DisplayName("VmOwner reads the parts and prints them back")
    void ownerParts() {
        VmOwner owner = VmOwner.parse("tenant-a/db-1.replica/eth1");

        assertThat(owner.namespace()).isEqualTo("tenant-a");
        assertThat(owner.vm()).isEqualTo("db-1.replica");
        assertThat(owner.nic()).contains("eth1");
        assertThat(owner).hasToString("tenant-a/db-1.replica/eth1");
    }
}
