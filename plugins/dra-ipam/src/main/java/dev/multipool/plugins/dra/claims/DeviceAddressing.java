package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.IpAddress;
import dev.multipool.api.IpamException;
import dev.multipool.api.PoolName;
import dev.multipool.plugins.dra.pools.PoolPlacement;
import dev.multipool.plugins.dra.pools.PoolVerdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives one device its addresses (spec D3, D4): a fixed {@code ipv4Addr}/{@code ipv6Addr} wins over
 * the pool for its family (reserved in the pool as a specific allocation when it lies in the named
 * pool's CIDRs, so the pool never hands it to another owner; used as given otherwise, bypassing the
 * pool); every other enabled family the pool offers gets its next free address. What
 * the owner already holds is kept, so a retry asks only for the missing family and a restart finds
 * the addresses restored by the host. An address the device's status entry already names is asked
 * for first, so a device keeps its address if the host lost it.
 */
final class DeviceAddressing {

    private final ConsumerIpam ipam;
    private final PoolPlacement placement;
    private final Set<Family> families;
    private final String nodeName;

    DeviceAddressing(ConsumerIpam ipam, PoolPlacement placement, Set<Family> families, String nodeName) {
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.placement = requireNonNull(placement, "placement is null");
        this.families = families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families);
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
    }

    /**
     * Makes one attempt.
     *
     * @param device the device
     * @param owner the owner of its addresses
     * @param previousIps the addresses its status entry already shows, if any
     * @return the outcome; addresses obtained before a retry or failure stay held by the owner
     */
    DeviceOutcome serve(DeviceAssignment device, String owner, List<String> previousIps) {
        String subject = "device \"" + device.device() + "\" on node \"" + nodeName + "\"";
        if (device.configError().isPresent()) {
            return new DeviceOutcome.Failed(DeviceOutcome.INVALID_CONFIG, subject + ": " + device.configError().get());
        }
        for (StaticAddress fixed : device.statics().values()) {
            if (!families.contains(fixed.family())) {
                return new DeviceOutcome.Failed(DeviceOutcome.FAMILY_DISABLED, subject + ": fixed address " + fixed
                        + ": address family " + fixed.family() + " is disabled on this node");
            }
        }
        List<AllocationResult> held = ipam.allocationsOf(owner);
        Set<Family> fromPool = EnumSet.noneOf(Family.class);
        if (device.ipPool().isPresent()) {
            fromPool.addAll(families);
            fromPool.removeAll(device.statics().keySet());
            PoolName pool = device.ipPool().get();
            if (!allHeld(held, pool, fromPool, device.statics())) {
                DeviceOutcome refused = checkPool(pool, fromPool, device, subject);
                if (refused instanceof DeviceOutcome.Failed && !previousIps.isEmpty() && holdsAny(held, pool)) {
                    // served before, when the pool was usable: keep what it has rather than revoke it
                    fromPool.removeIf(family -> heldFamily(held, pool, family) == null);
                } else if (refused != null) {
                    return refused;
                }
            }
        }
        Map<Family, String> ips = new EnumMap<>(Family.class);
        List<String> notYet = new ArrayList<>();
        try {
            for (StaticAddress fixed : device.statics().values()) {
                if (device.ipPool().isPresent() && heldAddress(held, device.ipPool().get(), fixed.address()) == null
                        && inPool(device.ipPool().get(), fixed)) {
                    ipam.allocate(fixed.address(), device.ipPool().get(), owner);
                }
                ips.put(fixed.family(), fixed.toString());
            }
            for (Family family : fromPool) {
                // every missing family is asked for in each attempt, so each failure records its
                // pending demand and the operator sees the whole need at once (spec D4, D7)
                try {
                    ips.put(family, fromPool(device.ipPool().get(), family, held, previousIps, owner));
                } catch (FamilyDisabledException e) {
                    throw e;
                } catch (IpamException | IllegalStateException e) {
                    // pool not ready, exhausted, node selector race in the policy, manager not serving yet
                    notYet.add(e.getMessage());
                }
            }
        } catch (AddressInUseException e) {
            return new DeviceOutcome.Failed(DeviceOutcome.ADDRESS_IN_USE, subject + ": " + e.getMessage());
        } catch (AddressNotInRangeException e) {
            return new DeviceOutcome.Failed(DeviceOutcome.ADDRESS_NOT_IN_POOL, subject + ": " + e.getMessage());
        } catch (FamilyDisabledException e) {
            return new DeviceOutcome.Failed(DeviceOutcome.FAMILY_DISABLED, subject + ": " + e.getMessage());
        } catch (IpamException | IllegalStateException e) {
            return new DeviceOutcome.Retry(subject + ": " + e.getMessage());
        }
        if (!notYet.isEmpty()) {
            return new DeviceOutcome.Retry(subject + ": " + String.join("; ", notYet));
        }
        return new DeviceOutcome.Served(new ArrayList<>(ips.values()));
    }

    /**
     * Returns whether an attempt could now succeed where the last one found the pool not ready: the
     * device's pool is usable on this node and has a free address of every family the device still
     * misses from it. Allocates nothing, so it records no pending demand and spends no attempt.
     *
     * @param device the device
     * @param owner the owner of its addresses
     * @return true if the pool now offers all that is missing
     */
    boolean mayServeNow(DeviceAssignment device, String owner) {
        if (device.ipPool().isEmpty() || device.configError().isPresent()) {
            return false;
        }
        PoolName pool = device.ipPool().get();
        if (!(placement.evaluate(pool) instanceof PoolVerdict.Usable usable)) {
            return false;
        }
        List<AllocationResult> held = ipam.allocationsOf(owner);
        int missing = 0;
        for (Family family : families) {
            StaticAddress fixed = device.statics().get(family);
            boolean wanted = fixed == null
                    ? usable.pool().family(family).isPresent() && heldFamily(held, pool, family) == null
                    : inPool(pool, fixed) && heldAddress(held, pool, fixed.address()) == null;
            if (wanted) {
                if (!ipam.hasFreeAddress(pool, family)) {
                    return false;
                }
                missing++;
            }
        }
        return missing > 0;
    }

    /** The address of one family from the pool: held already, shown before, or the next free one. */
    private String fromPool(PoolName pool, Family family, List<AllocationResult> held, List<String> previousIps,
                            String owner) {
        AllocationResult result = heldFamily(held, pool, family);
        if (result == null) {
            result = previous(previousIps, family, pool, owner);
        }
        if (result == null) {
            result = ipam.allocateNext(pool, family, owner);
        }
        return result.address() + "/" + family.bits();
    }

    private DeviceOutcome checkPool(PoolName pool, Set<Family> fromPool, DeviceAssignment device, String subject) {
        PoolVerdict verdict = placement.evaluate(pool);
        if (verdict instanceof PoolVerdict.Unknown unknown) {
            return unknown.catalogSynced()
                    ? new DeviceOutcome.Failed(DeviceOutcome.UNKNOWN_POOL, subject + ": " + verdict.message())
                    : new DeviceOutcome.Retry(subject + ": " + verdict.message());
        }
        if (verdict instanceof PoolVerdict.NodeUnknown) {
            return new DeviceOutcome.Retry(subject + ": " + verdict.message());
        }
        if (verdict instanceof PoolVerdict.NotForThisNode) {
            return new DeviceOutcome.Failed(DeviceOutcome.POOL_NOT_ON_NODE, subject + ": " + verdict.message());
        }
        if (verdict instanceof PoolVerdict.Invalid) {
            return new DeviceOutcome.Failed(DeviceOutcome.INVALID_POOL, subject + ": " + verdict.message());
        }
        PoolVerdict.Usable usable = (PoolVerdict.Usable) verdict;
        boolean wanted = !fromPool.isEmpty();
        fromPool.removeIf(family -> usable.pool().family(family).isEmpty());
        if (wanted && fromPool.isEmpty() && device.statics().isEmpty()) {
            return new DeviceOutcome.Failed(DeviceOutcome.FAMILY_DISABLED, subject + ": pool \"" + pool
                    + "\" offers no address of the families enabled on this node " + families);
        }
        return null;
    }

    private AllocationResult previous(List<String> previousIps, Family family, PoolName pool, String owner) {
        for (String text : previousIps) {
            StaticAddress shown;
            try {
                shown = StaticAddress.parse(text);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (shown.family() != family || shown.prefixLength() != family.bits()) {
                continue;
            }
            try {
                return ipam.allocate(shown.address(), pool, owner);
            } catch (AddressInUseException | AddressNotInRangeException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether a fixed address lies in the pool's CIDRs; only such an address is reserved in the pool. */
    private boolean inPool(PoolName pool, StaticAddress fixed) {
        return placement.catalog().get(pool).flatMap(definition -> definition.family(fixed.family()))
                .map(part -> part.cidrs().stream().anyMatch(cidr -> cidr.contains(fixed.address())))
                .orElse(false);
    }

    private boolean allHeld(List<AllocationResult> held, PoolName pool, Set<Family> fromPool,
                            Map<Family, StaticAddress> statics) {
        for (Family family : fromPool) {
            if (heldFamily(held, pool, family) == null) {
                return false;
            }
        }
        for (StaticAddress fixed : statics.values()) {
            if (heldAddress(held, pool, fixed.address()) == null && inPool(pool, fixed)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holdsAny(List<AllocationResult> held, PoolName pool) {
        return held.stream().anyMatch(result -> result.pool().equals(pool));
    }

    private static AllocationResult heldFamily(List<AllocationResult> held, PoolName pool, Family family) {
        for (AllocationResult result : held) {
            if (result.pool().equals(pool) && result.family() == family) {
                return result;
            }
        }
        return null;
    }

    private static AllocationResult heldAddress(List<AllocationResult> held, PoolName pool, IpAddress address) {
        for (AllocationResult result : held) {
            if (result.pool().equals(pool) && result.address().equals(address)) {
                return result;
            }
        }
        return null;
    }
}
