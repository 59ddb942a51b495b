package dev.multipool.host.status;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.host.manager.PoolDump;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code GET /v1/consumers/{id}}.
 *
 * @param id the consumer id
 * @param plugin its plugin
 * @param state its state (as in {@code /v1/healthz})
 * @param reason why it failed, or the gate it waits for
 * @param restoreFinished per enabled family, whether restore has finished
 * @param pools every pool the manager holds, sorted by name
 * @param deferredRestores records restored from disk whose CIDR is not delegated yet
 *     ({@code "<pool>/<address>" -> owner}); their addresses stay reserved
 * @param warnings warnings from gates and restore
 */
public record ConsumerDetail(String id, PluginRef plugin, ConsumerState state, Optional<String> reason,
                             Map<Family, Boolean> restoreFinished, List<PoolDump> pools,
                             Map<String, String> deferredRestores, List<String> warnings) {

    /** Validates and copies the parts. */
    public ConsumerDetail {
        requireNonNull(id, "id is null");
        requireNonNull(plugin, "plugin is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        restoreFinished = restoreFinished.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(restoreFinished));
        pools = List.copyOf(requireNonNull(pools, "pools is null"));
        deferredRestores = Map.copyOf(requireNonNull(deferredRestores, "deferredRestores is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }
}
