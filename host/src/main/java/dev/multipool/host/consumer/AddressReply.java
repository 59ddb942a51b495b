package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AllocationResult;
import java.util.Optional;

/**
 * One family's part of an {@link IpamReply}.
 *
 * @param allocation the address, its pool and CIDR, and the masquerade answer
 * @param expirationUuid the expiration timer's UUID when one was started
 */
public record AddressReply(AllocationResult allocation, Optional<String> expirationUuid) {

    /** Validates the parts. */
    public AddressReply {
        requireNonNull(allocation, "allocation is null");
        requireNonNull(expirationUuid, "expirationUuid is null");
    }
}
