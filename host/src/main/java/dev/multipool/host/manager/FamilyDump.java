package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.IpAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One family of one pool, as the manager sees it at one moment.
 *
 * @param cidrs the CIDRs with a range, in range order (removed ones included)
 * @param released CIDRs given back that the node resource still lists
 * @param removed CIDRs the operator stopped listing while addresses in them were in use
 * @param capacity usable addresses in ranges that are not removed
 * @param inUse used addresses in all ranges, removed ones included
 * @param demand the demand the last sync computed for this pool and family
 * @param pending distinct owners with a pending (failed) allocation
 * @param allocations every allocated address and its owner, sorted by address
 */
public record FamilyDump(List<Cidr> cidrs, List<Cidr> released, List<Cidr> removed, long capacity, long inUse,
                         long demand, long pending, Map<IpAddress, String> allocations) {

    /** Validates and copies the parts. */
    public FamilyDump {
        cidrs = List.copyOf(requireNonNull(cidrs, "cidrs is null"));
        released = List.copyOf(requireNonNull(released, "released is null"));
        removed = List.copyOf(requireNonNull(removed, "removed is null"));
        allocations = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(allocations, "allocations is null")));
    }
}
