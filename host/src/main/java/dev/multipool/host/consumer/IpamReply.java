package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The result of a next-address request: Cilium's {@code IPAMResponse}.
 *
 * @param addresses the address per allocated family
 * @param hostAddressing the node's addressing
 */
public record IpamReply(Map<Family, AddressReply> addresses, HostAddressing hostAddressing) {

    /** Validates and copies the parts. */
    public IpamReply {
        requireNonNull(addresses, "addresses is null");
        requireNonNull(hostAddressing, "hostAddressing is null");
        addresses = addresses.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(addresses));
    }
}
