package dev.multipool.bench.support;

import java.util.Locale;

/** The standalone pool file the benchmarks give the host: one IPv4 pool named {@code default}. */
public final class PoolsFile {

    private PoolsFile() {
    }

    /**
     * A {@code CiliumPodIPPool} named {@code default} with one IPv4 CIDR.
     *
     * @param cidr the pool's CIDR, for example {@code 10.64.0.0/13}
     * @param maskSize the size of the blocks the embedded operator delegates to a node
     * @return the YAML document
     */
    public static String defaultIpv4(String cidr, int maskSize) {
        return String.format(Locale.ROOT, """
                apiVersion: cilium.io/v2alpha1
                kind: CiliumPodIPPool
                metadata:
                  name: default
                spec:
                  ipv4:
                    cidrs: ["%s"]
                    maskSize: %d
                """, cidr, maskSize);
    }
}
