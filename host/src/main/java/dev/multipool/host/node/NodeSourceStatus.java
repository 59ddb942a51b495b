package dev.multipool.host.node;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.HostMode;
import java.util.Optional;

/**
 * The health of a {@link NodeSource}.
 *
 * @param mode kubernetes or standalone
 * @param state {@code connecting}, {@code synced}, {@code disconnected} or {@code failed}
 * @param lastError the last error seen, if any since the last success
 * @param writes successful writes since start
 * @param conflicts writes refused with a conflict since start
 * @param failures writes or reads that failed otherwise since start
 */
public record NodeSourceStatus(HostMode mode, String state, Optional<String> lastError,
                               long writes, long conflicts, long failures) {

    /** Validates the parts. */
    public NodeSourceStatus {
        requireNonNull(mode, "mode is null");
        requireNonNull(state, "state is null");
        requireNonNull(lastError, "lastError is null");
    }
}
