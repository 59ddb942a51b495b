package dev.multipool.host.operator;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.FamilyPool;
import dev.multipool.api.IpAddress;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The blocks of one family of one pool: which node holds which block, and where the next free one
 * is. A block is a prefix of the pool's {@code maskSize} inside one of the pool's CIDRs.
 */
final class BlockCarver {

    private final FamilyPool family;
    private final Map<Cidr, String> holders = new HashMap<>();

    BlockCarver(FamilyPool family) {
        this.family = requireNonNull(family, "family is null");
    }

    FamilyPool family() {
        return family;
    }

    /** Returns whether the CIDR is a block of this pool (right size, inside one of its CIDRs). */
    boolean isBlock(Cidr cidr) {
        if (cidr.family() != family.family() || cidr.prefixLength() != family.maskSize()) {
            return false;
        }
        for (Cidr parent : family.cidrs()) {
            if (parent.contains(cidr.network())) {
                return true;
            }
        }
        return false;
    }

    /** Returns the node holding a block, if any. */
    Optional<String> holder(Cidr block) {
        return Optional.ofNullable(holders.get(block));
    }

    void occupy(Cidr block, String node) {
        holders.put(block, node);
    }

    void free(Cidr block) {
        holders.remove(block);
    }

    Map<Cidr, String> holders() {
        return holders;
    }

    /** Takes the first free block, scanning the pool's CIDRs in order. */
    Optional<Cidr> carve(String node) {
        int blockHostBits = family.family().bits() - family.maskSize();
        for (Cidr parent : family.cidrs()) {
            int countBits = family.maskSize() - parent.prefixLength();
            BigInteger count = BigInteger.ONE.shiftLeft(countBits);
            for (BigInteger index = BigInteger.ZERO; index.compareTo(count) < 0; index = index.add(BigInteger.ONE)) {
                Cidr block = new Cidr(offset(parent.network(), index.shiftLeft(blockHostBits)), family.maskSize());
                if (!holders.containsKey(block)) {
                    holders.put(block, node);
                    return Optional.of(block);
                }
            }
        }
        return Optional.empty();
    }

    private static IpAddress offset(IpAddress base, BigInteger offset) {
        long low = base.low() + offset.longValue();
        long carry = Long.compareUnsigned(low, base.low()) < 0 ? 1 : 0;
        long high = base.high() + offset.shiftRight(64).longValue() + carry;
        return base.family() == dev.multipool.api.Family.IPV4 ? IpAddress.ipv4(low) : IpAddress.ipv6(high, low);
    }
}
