package dev.multipool.plugins.dra.testing;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-test {@link ConsumerContext}. Like the host, it refuses {@link #ipam()} until the test
 * declares the consumer's allocations restored ({@link #serving()}).
 */
public final class TestConsumerContext implements ConsumerContext {

    private final String nodeName;
    private final Set<Family> families;
    private final TestConsumerIpam ipam;
    private final TestPoolCatalog catalog;
    private final Map<String, String> strings = new HashMap<>();
    private final Map<PoolName, Integer> poolCounts = new LinkedHashMap<>();
    private final Map<Class<?>, Object> services = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private HostMode mode = HostMode.KUBERNETES;
    private volatile boolean serving;

    /**
     * Creates the context.
     *
     * @param nodeName the node name
     * @param families the enabled families
     * @param ipam the manager
     * @param catalog the CiliumResourceIPPool catalog
     */
    public TestConsumerContext(String nodeName, Set<Family> families, TestConsumerIpam ipam, TestPoolCatalog catalog) {
        this.nodeName = nodeName;
        this.families = EnumSet.copyOf(families);
        this.ipam = ipam;
        this.catalog = catalog;
    }

    /** Marks the consumer's allocations restored: {@link #ipam()} works from now on. */
    public TestConsumerContext serving() {
        serving = true;
        return this;
    }

    /** Sets a string option. */
    public TestConsumerContext option(String name, String value) {
        strings.put(name, value);
        return this;
    }

    /** Sets one pool count of the pre-allocation option. */
    public TestConsumerContext preAllocate(String pool, int count) {
        poolCounts.put(PoolName.of(pool), count);
        return this;
    }

    /** Offers a host service. */
    public <T> TestConsumerContext service(Class<T> type, T service) {
        services.put(type, service);
        return this;
    }

    /** Sets the host mode. */
    public TestConsumerContext mode(HostMode value) {
        mode = value;
        return this;
    }

    /** Sets the clock. */
    public TestConsumerContext clock(Clock value) {
        clock = value;
        return this;
    }

    @Override
    public String consumerId() {
        return "dra";
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
        return new ConsumerOptions() {
            @Override
            public Optional<String> string(String name) {
                require(name, "dra-driver-name");
                return Optional.ofNullable(strings.get(name));
            }

            @Override
            public boolean bool(String name) {
                throw new IllegalArgumentException("option " + name + " is not a BOOLEAN option of dra");
            }

            @Override
            public Optional<Integer> integer(String name) {
                throw new IllegalArgumentException("option " + name + " is not an INTEGER option of dra");
            }

            @Override
            public Optional<Duration> duration(String name) {
                throw new IllegalArgumentException("option " + name + " is not a DURATION option of dra");
            }

            @Override
            public Map<PoolName, Integer> poolCounts(String name) {
                require(name, "resource-ipam-multi-pool-pre-allocation");
                return Map.copyOf(poolCounts);
            }

            @Override
            public Map<String, String> stringMap(String name) {
                throw new IllegalArgumentException("option " + name + " is not a STRING_MAP option of dra");
            }
        };
    }

    private static void require(String name, String declared) {
        if (!declared.equals(name)) {
            throw new IllegalArgumentException("option " + name + " was not declared with this type");
        }
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ConsumerIpam ipam() {
        if (!serving) {
            throw new IllegalStateException("the dra consumer's allocations are not restored yet");
        }
        return ipam;
    }

    @Override
    public PoolCatalog pools(PoolKind kind) {
        if (!kind.equals(PoolKind.CILIUM_RESOURCE_IP_POOL)) {
            throw new IllegalArgumentException("this test context only has CiliumResourceIPPools, not " + kind);
        }
        return catalog;
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }
}
