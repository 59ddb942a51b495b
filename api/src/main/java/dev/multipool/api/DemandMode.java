package dev.multipool.api;

/** How a pool's pre-allocation turns the addresses in use into the demand written to the node. */
public enum DemandMode {
    /**
     * Cilium's default: round {@code inUse + pending} up so that at least {@code p} and at most
     * {@code 2p - 1} addresses are spare ({@code neededIPCeil}).
     */
    CEIL,
    /** {@code inUse + pending + p}, without rounding, so an operator can recover the usage. */
    LINEAR
}
