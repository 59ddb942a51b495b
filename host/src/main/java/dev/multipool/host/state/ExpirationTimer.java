package dev.multipool.host.state;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An expiration timer: the address is released at {@code deadline} unless the timer with this
 * UUID is stopped first (spec A5.7).
 *
 * @param uuid the timer's UUID, returned to the caller
 * @param deadline when the address is released
 */
public record ExpirationTimer(String uuid, Instant deadline) {

    /** Validates the parts. */
    public ExpirationTimer {
        requireNonNull(uuid, "uuid is null");
        requireNonNull(deadline, "deadline is null");
    }
}
