package dev.multipool.host.manager;

import dev.multipool.api.Cidr;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;

/**
 * Things a {@link MultiPoolManager} reports about its CIDRs and restores, for logs, metrics and
 * tests. Every method has a no-op default. The manager already logs each event through slf4j;
 * an implementation only adds to that.
 *
 * <p>Methods are called while the manager's lock is held: they must be quick, must not block and
 * must not call back into the manager.
 */
public interface ManagerEvents {

    /** The implementation that ignores every event. */
    ManagerEvents NONE = new ManagerEvents() {
    };

    /**
     * The node resource listed a CIDR twice for a pool (spec M13 step 1); the copy was ignored.
     *
     * @param pool the pool
     * @param cidr the duplicated CIDR
     */
    default void duplicateCidr(PoolName pool, Cidr cidr) {
    }

    /**
     * A delegated CIDR has no usable address ({@code /0} or {@code /1}); it was put straight into
     * the released set and will not be written back.
     *
     * @param pool the pool
     * @param cidr the CIDR
     */
    default void cidrTooSmall(PoolName pool, Cidr cidr) {
    }

    /**
     * A delegated CIDR overlaps a CIDR the manager already tracks; it was ignored (not used, not
     * written back), so no address can be handed out twice.
     *
     * @param pool the pool that listed the CIDR
     * @param cidr the ignored CIDR
     * @param otherPool the pool holding the overlapping CIDR
     * @param existing the overlapping CIDR already tracked
     */
    default void overlappingCidr(PoolName pool, Cidr cidr, PoolName otherPool, Cidr existing) {
    }

    /**
     * The operator stopped listing a CIDR that still has addresses in use (spec M13 step 3): the
     * CIDR is kept, marked removed, and written back as a claim.
     *
     * @param pool the pool
     * @param cidr the CIDR
     * @param used addresses in use in it
     */
    default void inUseCidrRemoved(PoolName pool, Cidr cidr, long used) {
    }

    /**
     * The operator lists a CIDR marked removed again: the mark is cleared (PR #47916).
     *
     * @param pool the pool
     * @param cidr the CIDR
     */
    default void removedCidrRelisted(PoolName pool, Cidr cidr) {
    }

    /**
     * An unused CIDR was given back (spec M37): it is left out of {@code allocated} from now on.
     *
     * @param pool the pool
     * @param cidr the CIDR
     */
    default void cidrReleased(PoolName pool, Cidr cidr) {
    }

    /**
     * A released CIDR that the operator still lists was taken back because demand grew (PR
     * #46674), or because a restored address lies in it.
     *
     * @param pool the pool
     * @param cidr the CIDR
     */
    default void cidrReclaimed(PoolName pool, Cidr cidr) {
    }

    /**
     * A restored address could not be placed yet and is reserved for its owner.
     *
     * @param pool the pool
     * @param address the address
     * @param owner the owner
     * @param why why it was deferred
     */
    default void restoreDeferred(PoolName pool, IpAddress address, String owner, String why) {
    }

    /**
     * A deferred restore was placed: its CIDR is delegated again.
     *
     * @param pool the pool
     * @param address the address
     * @param owner the owner
     */
    default void restorePlaced(PoolName pool, IpAddress address, String owner) {
    }

    /**
     * A restore found the address held by another owner; nothing changed (never double-allocate).
     *
     * @param pool the pool
     * @param address the address
     * @param owner the owner of the stored record
     * @param currentOwner the owner holding the address
     */
    default void restoreConflict(PoolName pool, IpAddress address, String owner, String currentOwner) {
    }
}
