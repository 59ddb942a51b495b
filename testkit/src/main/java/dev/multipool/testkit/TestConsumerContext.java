package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import dev.multipool.api.IpamConsumer;
import dev.multipool.api.OptionSpec;
import dev.multipool.api.PoolKind;
import dev.multipool.host.config.ConsumerDeclaration;
import dev.multipool.host.config.ParsedConsumerOptions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConsumerContext} for unit tests of a consumer without a host: pass it to
 * {@link IpamConsumer#define(ConsumerContext)}, or to the gates, tasks and policies the consumer
 * builds from it. Built for one consumer, whose id and declared options it takes.
 *
 * <p>What it answers, and how a test changes it:
 * <ul>
 *   <li>options: parsed by the host's own rules from the declared options, their defaults and the
 *       values the test gives in text form ({@link #option}), so an undeclared option or a wrong
 *       type fails as it does in production;</li>
 *   <li>node name {@link HostSettings#DEFAULT_NODE_NAME}, both families, standalone mode and a
 *       {@link TestClock} at {@link TestClock#DEFAULT_START}, unless set;</li>
 *   <li>{@link #pools(PoolKind)}: the {@link TestPoolCatalog} given for that kind, else an empty,
 *       synced one created on first use;</li>
 *   <li>{@link #ipam()}: its {@link TestConsumerIpam} ({@link #testIpam()}), which, as on the host,
 *       throws until the consumer's allocations are {@link #restored()};</li>
 *   <li>{@link #service(Class)}: what the test offers, for example fabric8's
 *       {@code KubernetesClient} on a CRUD mock server, with {@code mode(HostMode.KUBERNETES)}.</li>
 * </ul>
 * The setters return this context, to chain them. Reads are safe from the consumer's threads.
 */
public final class TestConsumerContext implements ConsumerContext {

    private final ConsumerDeclaration declaration;
    private final Map<String, String> given = new LinkedHashMap<>();
    private final Map<PoolKind, TestPoolCatalog> catalogs = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
    private final TestConsumerIpam ipam = new TestConsumerIpam();
    private volatile ConsumerOptions options;
    private volatile String nodeName = HostSettings.DEFAULT_NODE_NAME;
    private volatile Set<Family> families = Set.copyOf(EnumSet.allOf(Family.class));
    private volatile HostMode mode = HostMode.STANDALONE;
    private volatile Clock clock = new TestClock();
    private volatile boolean restored;

    private TestConsumerContext(ConsumerDeclaration declaration) {
        this.declaration = declaration;
        this.options = parse(Map.of());
    }

    /**
     * Creates a context for a consumer, with its declared options at their defaults.
     *
     * @param consumer the consumer under test; only {@code id()}, {@code description()} and
     *     {@code options()} are called
     * @return the context
     * @throws IllegalArgumentException if the consumer's id is invalid or a declared default does
     *     not parse (the host would refuse the consumer too)
     */
    public static TestConsumerContext of(IpamConsumer consumer) {
        requireNonNull(consumer, "consumer is null");
        return new TestConsumerContext(new ConsumerDeclaration(consumer.id(), consumer.description(), consumer.options()));
    }

    private ConsumerOptions parse(Map<String, String> values) {
        return ParsedConsumerOptions.parse(declaration, values);
    }

    /**
     * Gives an option a value, in the text form of the command line or config file
     * ({@code "30s"}, {@code "default=8,blue=4"}, {@code "true"}).
     *
     * @param name the option name, without dashes
     * @param value the value
     * @return this context
     * @throws IllegalArgumentException if the consumer declares no such option or the value does
     *     not parse as its type (the message names {@code --name}); the options are then unchanged
     */
    public synchronized TestConsumerContext option(String name, String value) {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        if (declaration.options().stream().map(OptionSpec::name).noneMatch(name::equals)) {
            throw new IllegalArgumentException("consumer \"" + declaration.id() + "\" declares no option \"" + name
                    + "\"; it declares " + declaration.options().stream().map(OptionSpec::name).toList());
        }
        Map<String, String> values = new HashMap<>(given);
        values.put(name, value);
        options = parse(values);
        given.put(name, value);
        return this;
    }

    /**
     * Sets the node name.
     *
     * @param name the name of this node and of its CiliumNode
     * @return this context
     */
    public TestConsumerContext nodeName(String name) {
        nodeName = requireNonNull(name, "name is null");
        return this;
    }

    /**
     * Sets the enabled families, for the context and its {@link #testIpam()}.
     *
     * @param enabled one or both families
     * @return this context
     */
    public TestConsumerContext families(Family... enabled) {
        Set<Family> set = Set.copyOf(List.of(requireNonNull(enabled, "enabled is null")));
        ipam.enable(set);
        families = set;
        return this;
    }

    /**
     * Sets the host mode.
     *
     * @param value the mode
     * @return this context
     */
    public TestConsumerContext mode(HostMode value) {
        mode = requireNonNull(value, "value is null");
        return this;
    }

    /**
     * Sets the clock, for example a {@link TestClock} the test moves, or {@link Clock#fixed}.
     *
     * @param value the clock
     * @return this context
     */
    public TestConsumerContext clock(Clock value) {
        clock = requireNonNull(value, "value is null");
        return this;
    }

    /**
     * Gives the pool catalog of its kind, replacing an earlier one of that kind.
     *
     * @param catalog the catalog {@link #pools(PoolKind)} returns for {@code catalog.kind()}
     * @return this context
     */
    public TestConsumerContext catalog(TestPoolCatalog catalog) {
        catalogs.put(requireNonNull(catalog, "catalog is null").kind(), catalog);
        return this;
    }

    /**
     * Offers a host service.
     *
     * @param type the type the consumer asks for
     * @param service the service
     * @param <T> the type
     * @return this context
     */
    public <T> TestConsumerContext service(Class<T> type, T service) {
        services.put(requireNonNull(type, "type is null"), type.cast(requireNonNull(service, "service is null")));
        return this;
    }

    /**
     * Marks the consumer's allocations restored: from now on {@link #ipam()} answers, as the host's
     * does once the consumer's background tasks and gates may run.
     *
     * @return this context
     */
    public TestConsumerContext restored() {
        restored = true;
        return this;
    }

    /**
     * Returns the manager behind {@link #ipam()}, usable by the test at any time (to give pools
     * ranges, set the node, read the calls).
     *
     * @return the manager
     */
    public TestConsumerIpam testIpam() {
        return ipam;
    }

    @Override
    public String consumerId() {
        return declaration.id();
    }

    @Override
    public String nodeName() {
        return nodeName;
    }

    @Override
    public HostMode mode() {
        return mode;
    }

    @Override
    public Set<Family> enabledFamilies() {
        return families;
    }

    @Override
    public ConsumerOptions options() {
        return options;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException until {@link #restored()} was called, as the host's does
     *     while {@code define} runs
     */
    @Override
    public TestConsumerIpam ipam() {
        if (!restored) {
            throw new IllegalStateException("ipam() of consumer \"" + declaration.id()
                    + "\" used before its allocations were restored (call restored() on the test context first)");
        }
        return ipam;
    }

    /**
     * {@inheritDoc}
     *
     * @return the catalog given with {@link #catalog(TestPoolCatalog)}, else an empty synced one
     *     created for the kind on first use
     */
    @Override
    public TestPoolCatalog pools(PoolKind kind) {
        requireNonNull(kind, "kind is null");
        return catalogs.computeIfAbsent(kind, absent -> TestPoolCatalog.synced(absent));
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(requireNonNull(type, "type is null"))));
    }
}
