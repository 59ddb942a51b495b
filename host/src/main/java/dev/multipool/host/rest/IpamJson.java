package dev.multipool.host.rest;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.Family;
import dev.multipool.host.consumer.AddressReply;
import dev.multipool.host.consumer.HostAddressing;
import dev.multipool.host.consumer.IpamReply;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders Cilium's {@code IPAMResponse}: {@code address} (the pair with pool names and expiration
 * UUIDs), one {@code ipv4} / {@code ipv6} part per allocated family, and {@code host-addressing}.
 * Absent values are omitted, never {@code null}; {@code skip-masquerade} is always present.
 */
final class IpamJson {

    private IpamJson() {
    }

    /**
     * Builds the body of a {@code 201} to {@code POST /v1/ipam}.
     *
     * @param reply what the consumer allocated
     * @return the JSON tree
     */
    static ObjectNode response(IpamReply reply) {
        ObjectNode root = Json.object();
        ObjectNode pair = root.putObject("address");
        for (Family family : Family.values()) {
            AddressReply part = reply.addresses().get(family);
            if (part != null) {
                pair.put(family.wireName(), part.allocation().address().toString());
            }
        }
        for (Family family : Family.values()) {
            AddressReply part = reply.addresses().get(family);
            if (part != null) {
                pair.put(family.wireName() + "-pool-name", part.allocation().pool().value());
            }
        }
        for (Family family : Family.values()) {
            AddressReply part = reply.addresses().get(family);
            if (part != null && part.expirationUuid().isPresent()) {
                pair.put(family.wireName() + "-expiration-uuid", part.expirationUuid().get());
            }
        }
        for (Family family : Family.values()) {
            AddressReply part = reply.addresses().get(family);
            if (part != null) {
                root.set(family.wireName(), addressPart(part));
            }
        }
        root.set("host-addressing", hostAddressing(reply.hostAddressing()));
        return root;
    }

    private static ObjectNode addressPart(AddressReply part) {
        AllocationResult allocation = part.allocation();
        ObjectNode node = Json.object();
        node.put("ip", allocation.address().toString());
        node.putArray("cidrs").add(allocation.cidr().toString());
        part.expirationUuid().ifPresent(uuid -> node.put("expiration-uuid", uuid));
        node.put("skip-masquerade", allocation.skipMasquerade());
        return node;
    }

    private static ObjectNode hostAddressing(HostAddressing addressing) {
        ObjectNode node = Json.object();
        for (Family family : Family.values()) {
            HostAddressing.FamilyAddressing entry = addressing.families().get(family);
            ObjectNode familyNode = node.putObject(family.wireName());
            familyNode.put("enabled", entry.enabled());
            entry.allocRange().ifPresent(range -> familyNode.put("alloc-range", range.toString()));
        }
        return node;
    }
}
