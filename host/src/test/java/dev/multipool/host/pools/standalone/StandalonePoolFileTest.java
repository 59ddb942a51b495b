package dev.multipool.host.pools.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandalonePoolFileTest {

    @TempDir
    Path dir;

    @Test
    void readsPodAndResourcePoolsIntoOneCatalogPerKind() throws Exception {
        Path file = write("""
                apiVersion: cilium.io/v2alpha1
                kind: CiliumPodIPPool
                metadata:
                  name: default
                  annotations:
                    ipam.cilium.io/skip-masquerade: "true"
                spec:
                  ipv4: {cidrs: ["10.0.0.0/16"], maskSize: 24}
                ---
                apiVersion: cilium.io/v2
                kind: CiliumPodIPPool
                metadata: {name: blue}
                spec:
                  ipv6: {cidrs: [{cidr: "fd00::/104"}], maskSize: 120}
                ---
                apiVersion: cilium.io/v2alpha1
                kind: CiliumResourceIPPool
                metadata: {name: default}
                spec:
                  ipv4: {cidrs: ["10.1.0.0/16"], maskSize: 26}
                """);

        StandalonePoolFile pools = StandalonePoolFile.load(file);

        var pods = pools.catalog(PoolKind.CILIUM_POD_IP_POOL);
        assertThat(pods.list()).extracting(pool -> pool.name().value()).containsExactly("blue", "default");
        assertThat(pods.get(PoolName.of("default")).orElseThrow().skipMasqueradeAnnotated()).isTrue();
        assertThat(pods.get(PoolName.of("blue")).orElseThrow().family(Family.IPV6).orElseThrow().cidrs())
                .containsExactly(Cidr.parse("fd00::/104"));
        var resources = pools.catalog(PoolKind.CILIUM_RESOURCE_IP_POOL);
        assertThat(resources.list()).hasSize(1);
        assertThat(resources.get(PoolName.of("default")).orElseThrow().family(Family.IPV4).orElseThrow().maskSize())
                .isEqualTo(26);
        assertThat(pods.isSynced()).isTrue();
    }

    @Test
    void namesTheFileAndObjectOfAnInvalidPool() throws Exception {
        Path file = write("""
                apiVersion: cilium.io/v2alpha1
                kind: CiliumPodIPPool
                metadata: {name: default}
                spec:
                  ipv4: {cidrs: ["10.0.0.0/16"], maskSize: 24}
                ---
                apiVersion: cilium.io/v2alpha1
                kind: CiliumPodIPPool
                metadata: {name: broken}
                spec:
                  ipv4: {cidrs: ["10.0.0.0/33"], maskSize: 24}
                """);

        assertThatThrownBy(() -> StandalonePoolFile.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("object 2")
                .hasMessageContaining("broken").hasMessageContaining("10.0.0.0/33");
    }

    @Test
    void rejectsDuplicatesMissingFilesAndNonYaml() throws Exception {
        Path duplicate = write("""
                apiVersion: cilium.io/v2alpha1
                kind: CiliumPodIPPool
                metadata: {name: default}
                spec: {ipv4: {cidrs: ["10.0.0.0/16"], maskSize: 24}}
                ---
                apiVersion: cilium.io/v2alpha1
                kind: CiliumPodIPPool
                metadata: {name: default}
                spec: {ipv4: {cidrs: ["10.9.0.0/16"], maskSize: 24}}
                """);
        StandalonePoolFile pools = StandalonePoolFile.load(duplicate);
        assertThatThrownBy(() -> pools.catalog(PoolKind.CILIUM_POD_IP_POOL)).hasMessageContaining("defined twice");
        assertThatThrownBy(() -> StandalonePoolFile.load(dir.resolve("missing.yaml"))).hasMessageContaining("missing.yaml");
        Path garbage = dir.resolve("garbage.yaml");
        Files.writeString(garbage, "key: [unclosed");
        assertThatThrownBy(() -> StandalonePoolFile.load(garbage)).hasMessageContaining("garbage.yaml");
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
