package dev.multipool.plugins.pod.support;

import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.PoolName;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** In-test parsed option values (our own SPI interface), holding what the host would have parsed. */
public final class TestOptions implements ConsumerOptions {

    private final Map<String, Object> values = new HashMap<>();

    /**
     * Returns the values the pod consumer's declared defaults parse to.
     *
     * @return the options
     */
    public static TestOptions podDefaults() {
        TestOptions options = new TestOptions();
        Map<PoolName, Integer> preAllocation = new LinkedHashMap<>();
        preAllocation.put(PoolName.of("default"), 8);
        options.values.put("ipam-multi-pool-pre-allocation", preAllocation);
        options.values.put("ipam-default-ip-pool", "default");
        options.values.put("only-masquerade-default-pool", Boolean.FALSE);
        options.values.put("ipam-multi-pool-cidr-wait-timeout", Duration.ofMinutes(3));
        return options;
    }

    /**
     * Sets a value.
     *
     * @param name the option
     * @param value the parsed value
     * @return this
     */
    public TestOptions with(String name, Object value) {
        values.put(name, value);
        return this;
    }

    @Override
    public Optional<String> string(String name) {
        return Optional.ofNullable((String) values.get(name));
    }

    @Override
    public boolean bool(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }

    @Override
    public Optional<Integer> integer(String name) {
        return Optional.ofNullable((Integer) values.get(name));
    }

    @Override
    public Optional<Duration> duration(String name) {
        return Optional.ofNullable((Duration) values.get(name));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<PoolName, Integer> poolCounts(String name) {
        return (Map<PoolName, Integer>) values.getOrDefault(name, Map.of());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> stringMap(String name) {
        return (Map<String, String>) values.getOrDefault(name, Map.of());
    }
}
