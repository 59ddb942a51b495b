package dev.multipool.host.manager;

/**
 * Whether the first (network) and the last address of each delegated CIDR of a pool may be handed
 * out (spec R3, R4; CiliumPodIPPool {@code allowFirstIP} / {@code allowLastIP}). CIDRs of two
 * addresses or fewer ({@code /31}, {@code /32}, {@code /127}, {@code /128}) are usable in full
 * whatever the rules say.
 *
 * @param allowFirstIp the network address is usable
 * @param allowLastIp the last address is usable
 */
public record RangeRules(boolean allowFirstIp, boolean allowLastIp) {

    /** Cilium's default: neither the network address nor the last address is handed out. */
    public static final RangeRules DEFAULT = new RangeRules(false, false);

    /** Every address is usable (the manager-wide {@code allowFirstLastIps} option). */
    public static final RangeRules ALLOW_ALL = new RangeRules(true, true);
}
