package dev.multipool.host.status;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One consumer in {@code GET /v1/consumers}.
 *
 * @param id the consumer id
 * @param description what it allocates for
 * @param plugin its plugin
 * @param enabled whether {@code --consumers} enables it
 * @param state its state (as in {@code /v1/healthz})
 * @param reason why it failed, if it did
 */
public record ConsumerSummary(String id, String description, PluginRef plugin, boolean enabled, ConsumerState state,
                              Optional<String> reason) {

    /** Validates the parts. */
    public ConsumerSummary {
        requireNonNull(id, "id is null");
        requireNonNull(description, "description is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
    }
}
