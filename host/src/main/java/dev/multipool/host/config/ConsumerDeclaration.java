package dev.multipool.host.config;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.IpamConsumer;
import dev.multipool.api.OptionSpec;
import java.util.List;

/**
 * What the configuration needs to know about a loaded consumer: its id, its description and the
 * options it declares ({@link IpamConsumer#options()}).
 *
 * @param id the consumer id
 * @param description one line about the consumer
 * @param options the declared options
 */
public record ConsumerDeclaration(String id, String description, List<OptionSpec> options) {

    /** Validates and copies the parts. */
    public ConsumerDeclaration {
        requireNonNull(id, "id is null");
        requireNonNull(description, "description is null");
        options = List.copyOf(requireNonNull(options, "options is null"));
        if (!IpamConsumer.ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid consumer id \"" + id + "\": must match "
                    + IpamConsumer.ID_PATTERN.pattern());
        }
    }
}
