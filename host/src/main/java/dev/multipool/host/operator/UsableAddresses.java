package dev.multipool.host.operator;

import dev.multipool.api.Cidr;

/** How many addresses an agent can use from a delegated block, as the operator counts them (O2). */
final class UsableAddresses {

    private UsableAddresses() {
    }

    /**
     * Returns the usable count of a block: its size, less the first and last address when the block
     * has more than two and the pool does not allow them. Saturates at {@link Long#MAX_VALUE}.
     */
    static long of(Cidr block, boolean allowFirstIp, boolean allowLastIp) {
        long size = block.addressCount();
        if (size <= 2 || size == Long.MAX_VALUE) {
            return size;
        }
        return size - (allowFirstIp ? 0 : 1) - (allowLastIp ? 0 : 1);
    }
}
