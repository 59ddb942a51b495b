package dev.multipool.host.node.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolRequest;
import dev.multipool.api.PoolSection;
import dev.multipool.api.PoolSectionAccessor;
import dev.multipool.api.ResourceDocument;
import dev.multipool.host.node.NodeConflictException;
import dev.multipool.host.pools.StaticPoolCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedOperatorTest {

    private static final PoolSectionAccessor PODS = PoolSectionAccessor.atPath("spec", "ipam", "pools");
    private static final PoolSectionAccessor DRA = PoolSectionAccessor.atPath("spec", "ipam", "resourcepools");
    private static final PoolName DEFAULT = PoolName.of("default");

    @TempDir
    Path dir;

    @Test
    void delegatesOnRequestAndTakesBackWhatTheNodeNoLongerLists() {
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a");
             EmbeddedOperator operator = new EmbeddedOperator(store)) {
            operator.register("pod", PODS, catalog(PoolKind.CILIUM_POD_IP_POOL, "10.200.0.0/16", 24));
            operator.register("dra", DRA, catalog(PoolKind.CILIUM_RESOURCE_IP_POOL, "10.201.0.0/16", 26));
            operator.start();

            writeSection(store, PODS, new PoolSection(List.of(new PoolRequest(DEFAULT, new PoolDemand(16, 0))), List.of()));
            await().until(() -> !PODS.read(store.fetch()).allocated().isEmpty());
            assertThat(PODS.read(store.fetch()).allocated())
                    .containsExactly(new PoolAllocation(DEFAULT, List.of(Cidr.parse("10.200.0.0/24"))));
            assertThat(DRA.read(store.fetch())).isEqualTo(PoolSection.EMPTY);

            writeSection(store, DRA, new PoolSection(List.of(new PoolRequest(DEFAULT, new PoolDemand(100, 0))), List.of()));
            await().until(() -> !DRA.read(store.fetch()).allocated().isEmpty());
            assertThat(DRA.read(store.fetch()).allocated().get(0).cidrs()).hasSize(2);
            assertThat(PODS.read(store.fetch()).allocated()).hasSize(1);

            writeSection(store, PODS, PoolSection.EMPTY);
            writeSection(store, PODS, new PoolSection(List.of(new PoolRequest(DEFAULT, new PoolDemand(1, 0))), List.of()));
            await().until(() -> !PODS.read(store.fetch()).allocated().isEmpty());
            assertThat(PODS.read(store.fetch()).allocated())
                    .containsExactly(new PoolAllocation(DEFAULT, List.of(Cidr.parse("10.200.0.0/24"))));
        }
    }

    @Test
    @DisplayName("consumers with pools of the same kind share its address space: their blocks never overlap, also after a restart")
    void sameKindSectionsGetDisjointBlocks() {
        PoolSectionAccessor vms = PoolSectionAccessor.atPath("spec", "ipam", "vmpools");
        StaticPoolCatalog pools = catalog(PoolKind.CILIUM_POD_IP_POOL, "10.200.0.0/16", 24);
        PoolSection wantsOneBlock = new PoolSection(List.of(new PoolRequest(DEFAULT, new PoolDemand(16, 0))), List.of());
        try (StandaloneNodeStore store = new StandaloneNodeStore(dir, "node-a")) {
            try (EmbeddedOperator operator = new EmbeddedOperator(store)) {
                operator.register("pod", PODS, pools);
                operator.start();
                writeSection(store, PODS, wantsOneBlock);
                await().until(() -> !PODS.read(store.fetch()).allocated().isEmpty());
            }
            assertThat(PODS.read(store.fetch()).allocated())
                    .containsExactly(new PoolAllocation(DEFAULT, List.of(Cidr.parse("10.200.0.0/24"))));

            // a restarted operator that reconciles the vm section first must still skip the pod's block
            try (EmbeddedOperator operator = new EmbeddedOperator(store)) {
                operator.register("vm", vms, pools);
                operator.register("pod", PODS, pools);
                writeSection(store, vms, wantsOneBlock);
                operator.start();
                await().until(() -> !vms.read(store.fetch()).allocated().isEmpty());
            }
            assertThat(vms.read(store.fetch()).allocated())
                    .containsExactly(new PoolAllocation(DEFAULT, List.of(Cidr.parse("10.200.1.0/24"))));
            assertThat(PODS.read(store.fetch()).allocated())
                    .containsExactly(new PoolAllocation(DEFAULT, List.of(Cidr.parse("10.200.0.0/24"))));
        }
    }

    private static void writeSection(StandaloneNodeStore store, PoolSectionAccessor accessor, PoolSection section) {
        while (true) {
            ResourceDocument node = store.fetch();
            try {
                store.replace(accessor.write(node, section));
                return;
            } catch (NodeConflictException e) {
                Thread.onSpinWait();
            }
        }
    }

    private static StaticPoolCatalog catalog(PoolKind kind, String cidr, int mask) {
        ResourceDocument pool = ResourceDocument.of(Map.of("apiVersion", kind.apiVersion(), "kind", kind.kind(),
                "metadata", Map.of("name", "default"),
                "spec", Map.of("ipv4", Map.of("cidrs", List.of(cidr), "maskSize", mask))));
        return new StaticPoolCatalog(kind, List.of(PoolDefinition.parse(kind, pool)));
    }
}
