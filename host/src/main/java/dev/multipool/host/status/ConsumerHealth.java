package dev.multipool.host.status;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One consumer's entry in {@code /v1/healthz}.
 *
 * @param state the consumer's state
 * @param gate the gate it waits for (state {@code waiting})
 * @param reason why it failed (state {@code failed}), or what it waits for otherwise
 * @param warnings warnings from gates that opened with one, or from restore
 */
public record ConsumerHealth(ConsumerState state, Optional<String> gate, Optional<String> reason, List<String> warnings) {

    /** Validates and copies the parts. */
    public ConsumerHealth {
        requireNonNull(state, "state is null");
        requireNonNull(gate, "gate is null");
        requireNonNull(reason, "reason is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }
}
