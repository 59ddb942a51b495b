package dev.multipool.host.rest;

import dev.multipool.api.AddressInUseException;
import dev.multipool.api.AddressNotAllocatedException;
import dev.multipool.api.AddressNotInRangeException;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.MasqueradePolicyException;
import dev.multipool.api.PoolExhaustedException;
import dev.multipool.api.PoolNotReadyException;
import dev.multipool.api.PoolSelectionException;
import dev.multipool.host.consumer.ConsumerUnavailableException;
import dev.multipool.host.consumer.ExpirationTimerException;

/**
 * Maps the host's typed errors to the status codes of the REST contract (not Cilium's
 * everything-is-500). Anything not listed for an operation is 500. On every operation an unknown
 * consumer is 404, a consumer that is not serving 503 and a disabled family 501.
 */
final class ErrorStatus {

    /** The IPAM operations, which differ in how they report the same error. */
    enum Operation {
        /** {@code POST /v1/ipam}. */
        NEXT,
        /** {@code POST /v1/ipam/{ip}}. */
        ALLOCATE,
        /** {@code DELETE /v1/ipam/{ip}}. */
        RELEASE,
        /** {@code DELETE /v1/ipam/{ip}/expiration}. */
        STOP_EXPIRATION
    }

    private ErrorStatus() {
    }

    /**
     * Returns the status for an error thrown while serving an operation.
     *
     * @param operation what was asked
     * @param error what the host threw
     * @return the HTTP status
     */
    static int of(Operation operation, RuntimeException error) {
        if (error instanceof ConsumerUnavailableException) {
            return ((ConsumerUnavailableException) error).isUnknown() ? 404 : 503;
        }
        if (error instanceof FamilyDisabledException) {
            return 501;
        }
        switch (operation) {
            case NEXT:
                return error instanceof PoolNotReadyException || error instanceof PoolExhaustedException
                        || error instanceof PoolSelectionException || error instanceof MasqueradePolicyException
                        ? 502 : 500;
            case ALLOCATE:
                if (error instanceof AddressNotInRangeException || error instanceof PoolNotReadyException) {
                    return 400;
                }
                return error instanceof AddressInUseException ? 409 : 500;
            case RELEASE:
                // the contract: an address that is not allocated is 404, inside a CIDR or not
                return error instanceof AddressNotAllocatedException || error instanceof AddressNotInRangeException
                        || error instanceof PoolNotReadyException ? 404 : 500;
            case STOP_EXPIRATION:
                if (error instanceof ExpirationTimerException) {
                    return ((ExpirationTimerException) error).reason() == ExpirationTimerException.Reason.NO_TIMER
                            ? 404 : 409;
                }
                return 500;
            default:
                throw new IllegalStateException("unknown operation " + operation);
        }
    }
}
