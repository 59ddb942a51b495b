package dev.multipool.host.e2e;

/** The pool file of the end-to-end tests. */
final class E2ePools {

    /** Pools of the tests: pod pools for {@code pod}, resource pools for {@code dra}. */
    static final String POOLS = """
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata: {name: default}
            spec:
              ipv4: {cidrs: ["10.10.0.0/16"], maskSize: 24}
              ipv6: {cidrs: ["fd00:10::/112"], maskSize: 120}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata:
              name: masq
              annotations: {ipam.cilium.io/skip-masquerade: "true"}
            spec:
              ipv4: {cidrs: ["10.11.0.0/16"], maskSize: 24}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata: {name: v6only}
            spec:
              ipv6: {cidrs: ["fd00:12::/112"], maskSize: 120}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata: {name: tiny}
            spec:
              ipv4: {cidrs: ["10.13.0.0/30"], maskSize: 30}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumPodIPPool
            metadata: {name: small}
            spec:
              ipv4: {cidrs: ["10.14.0.0/27"], maskSize: 28}
            ---
            apiVersion: cilium.io/v2alpha1
            kind: CiliumResourceIPPool
            metadata: {name: default}
            spec:
              ipv4: {cidrs: ["10.20.0.0/16"], maskSize: 24}
              ipv6: {cidrs: ["fd00:20::/112"], maskSize: 120}
            """;

    private E2ePools() {
    }
}
