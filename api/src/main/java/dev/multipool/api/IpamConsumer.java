package dev.multipool.api;

import java.util.List;
import java.util.regex.Pattern;
import org.pf4j.ExtensionPoint;

/**
 * The extension point of a consumer plugin: one kind of thing that needs addresses (pods, DRA
 * network devices, VMs, ...). The host runs one multi-pool manager per consumer, so pools of the
 * same name in two consumers never mix.
 *
 * <p>A plugin marks its implementation with pf4j's {@code @Extension}. The host calls
 * {@link #id()} and {@link #options()} while loading, then {@link #define(ConsumerContext)} once,
 * with the plugin's class loader as the thread context class loader. New methods are added to this
 * interface only as {@code default} methods, so plugins built against an older 1.x SPI keep working.
 */
public interface IpamConsumer extends ExtensionPoint {

    /** The form every consumer id takes. */
    Pattern ID_PATTERN = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * Returns the consumer's id: lower-case, {@code [a-z][a-z0-9-]*}, unique on a host. It names the
     * consumer in {@code /v1/consumers/{id}}, {@code --consumers}, metrics and logs.
     *
     * @return the id, for example {@code pod}
     */
    String id();

    /**
     * Returns one line saying what the consumer allocates addresses for.
     *
     * @return the description; the id by default
     */
    default String description() {
        return id();
    }

    /**
     * Returns the options the consumer accepts. Their names must not clash with the host's flags or
     * another consumer's options.
     *
     * @return the declared options; none by default
     */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * Describes how to run the consumer. Called once, before the consumer's manager exists; do not
     * allocate here (use a {@link BackgroundTask}) and do not block.
     *
     * @param context the host's services for this consumer
     * @return the definition
     * @throws ConsumerException if the consumer cannot run (for example a required host service is
     *     missing); the host reports it and runs the other consumers
     */
    ConsumerDefinition define(ConsumerContext context);
}
