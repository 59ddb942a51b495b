package dev.multipool.plugins.pod.support;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolKind;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An in-test consumer context (our own SPI interface) with the parts the pod consumer uses. */
public final class TestConsumerContext implements ConsumerContext {

    private final TestPoolCatalog pools;
    private final TestConsumerIpam ipam = new TestConsumerIpam();
    private final TestClock clock = new TestClock();
    private final Map<Class<?>, Object> services = new HashMap<>();
    private Set<Family> families = EnumSet.allOf(Family.class);
    private ConsumerOptions options = TestOptions.podDefaults();
    private HostMode mode = HostMode.STANDALONE;
    private volatile boolean restored;

    /**
     * Creates a dual-stack standalone context on node {@code node-a}.
     *
     * @param pools the pod pool table
     */
    public TestConsumerContext(TestPoolCatalog pools) {
        this.pools = pools;
    }

    /**
     * Sets the enabled families.
     *
     * @param enabled the families
     * @return this
     */
    public TestConsumerContext families(Family... enabled) {
        families = EnumSet.noneOf(Family.class);
        families.addAll(Set.of(enabled));
        return this;
    }

    /**
     * Sets the options.
     *
     * @param values the options
     * @return this
     */
    public TestConsumerContext options(ConsumerOptions values) {
        options = values;
        return this;
    }

    /**
     * Offers a host service, as the host does with its KubernetesClient in Kubernetes mode.
     *
     * @param type the service type
     * @param service the service
     * @param <T> the type
     * @return this
     */
    public <T> TestConsumerContext service(Class<T> type, T service) {
        services.put(type, service);
        mode = HostMode.KUBERNETES;
        return this;
    }

    /** Marks the consumer's allocations as restored, after which {@link #ipam()} may be used. */
    public void restored() {
        restored = true;
    }

    /**
     * Returns the manager facade the test controls.
     *
     * @return the facade
     */
    public TestConsumerIpam testIpam() {
        return ipam;
    }

    /**
     * Returns the clock the test controls.
     *
     * @return the clock
     */
    public TestClock testClock() {
        return clock;
    }

    @Override
    public String consumerId() {
        return "pod";
    }

    @Override
    public String nodeName() {
        return "node-a";
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

    @Override
    public ConsumerIpam ipam() {
        if (!restored) {
            throw new IllegalStateException("ipam() used before the consumer's allocations were restored");
        }
        return ipam;
    }

    @Override
    public PoolCatalog pools(PoolKind kind) {
        if (!kind.equals(PoolKind.CILIUM_POD_IP_POOL)) {
            throw new IllegalArgumentException("this test offers only CiliumPodIPPools, not " + kind.kind());
        }
        return pools;
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }
}
