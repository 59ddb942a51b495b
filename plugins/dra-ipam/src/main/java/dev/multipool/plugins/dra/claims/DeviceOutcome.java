package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What one attempt to give a claim's device its addresses came to. */
sealed interface DeviceOutcome {

    /** Condition reason: the config cannot be read. */
    String INVALID_CONFIG = "InvalidConfig";
    /** Condition reason: no CiliumResourceIPPool of the configured name exists. */
    String UNKNOWN_POOL = "UnknownPool";
    /** Condition reason: the pool's node selector does not select this node. */
    String POOL_NOT_ON_NODE = "PoolNotAvailableOnNode";
    /** Condition reason: the pool's node selector cannot be read. */
    String INVALID_POOL = "InvalidPool";
    /** Condition reason: the config needs an address family this node does not enable. */
    String FAMILY_DISABLED = "FamilyDisabled";
    /** Condition reason: a fixed address is held by someone else. */
    String ADDRESS_IN_USE = "AddressInUse";
    /** Condition reason: a fixed address lies outside the pool's CIDRs on this node. */
    String ADDRESS_NOT_IN_POOL = "AddressNotInPool";
    /** Condition reason: the pool stayed unready for every attempt. */
    String POOL_NOT_READY = "PoolNotReady";

    /**
     * The device has all its addresses.
     *
     * @param ips the interface addresses as prefixes, IPv4 first
     */
    record Served(List<String> ips) implements DeviceOutcome {
        /** Validates and copies the part. */
        public Served {
            ips = List.copyOf(requireNonNull(ips, "ips is null"));
        }
    }

    /**
     * The device can never be served with this config; the claim gets a condition saying why.
     *
     * @param reason the condition reason (one of this interface's constants)
     * @param message what is wrong, naming pool, device and node where they apply
     */
    record Failed(String reason, String message) implements DeviceOutcome {
        /** Validates the parts. */
        public Failed {
            requireNonNull(reason, "reason is null");
            requireNonNull(message, "message is null");
        }
    }

    /**
     * The pool is not ready yet (or the node not known yet); try again later.
     *
     * @param message the last error
     */
    record Retry(String message) implements DeviceOutcome {
        /** Validates the part. */
        public Retry {
            requireNonNull(message, "message is null");
        }
    }
}
