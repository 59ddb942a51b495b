package dev.multipool.host;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The optional host services plugins may ask for with {@code ConsumerContext.service(type)}.
 *
 * @param services service instances by the type plugins ask for
 */
public record PluginServices(Map<Class<?>, Object> services) {

    /** Copies the map. */
    public PluginServices {
        services = Map.copyOf(requireNonNull(services, "services is null"));
    }
}
