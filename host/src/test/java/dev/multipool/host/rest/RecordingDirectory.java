package dev.multipool.host.rest;

import dev.multipool.api.HostMode;
import dev.multipool.host.consumer.ConsumerDirectory;
import dev.multipool.host.consumer.ConsumerUnavailableException;
import dev.multipool.host.consumer.IpamService;
import dev.multipool.host.node.NodeSourceStatus;
import dev.multipool.host.status.ConsumerDetail;
import dev.multipool.host.status.ConsumersReport;
import dev.multipool.host.status.HealthReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-test {@link ConsumerDirectory}: consumers a test registers, status documents it sets,
 * and a record of every consumer lookup.
 */
final class RecordingDirectory implements ConsumerDirectory {

    private final Map<String, IpamService> services = new ConcurrentHashMap<>();
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();
    private final Map<String, ConsumerDetail> details = new ConcurrentHashMap<>();
    private final List<String> lookups = new ArrayList<>();
    private volatile Optional<String> defaultId = Optional.empty();
    private volatile HealthReport health = new HealthReport(
            new NodeSourceStatus(HostMode.STANDALONE, "synced", Optional.empty(), 0, 0, 0), Map.of());
    private volatile ConsumersReport consumers = new ConsumersReport(List.of(), List.of());

    /** Registers a ready consumer. */
    void add(IpamService service) {
        services.put(service.consumerId(), service);
    }

    /** Registers a consumer that is known but not serving (503). */
    void addUnavailable(String id, String why) {
        unavailable.put(id, why);
    }

    void defaultConsumer(String id) {
        defaultId = Optional.ofNullable(id);
    }

    void health(HealthReport report) {
        health = report;
    }

    void consumers(ConsumersReport report) {
        consumers = report;
    }

    void detail(ConsumerDetail detail) {
        details.put(detail.id(), detail);
    }

    synchronized List<String> lookups() {
        return List.copyOf(lookups);
    }

    @Override
    public Optional<String> defaultConsumerId() {
        return defaultId;
    }

    @Override
    public IpamService ipam(String consumerId) {
        synchronized (this) {
            lookups.add(consumerId);
        }
        String why = unavailable.get(consumerId);
        if (why != null) {
            throw ConsumerUnavailableException.unavailable(consumerId, why);
        }
        IpamService service = services.get(consumerId);
        if (service == null) {
            throw ConsumerUnavailableException.unknown(consumerId);
        }
        return service;
    }

    @Override
    public HealthReport health() {
        return health;
    }

    @Override
    public ConsumersReport consumers() {
        return consumers;
    }

    @Override
    public Optional<ConsumerDetail> detail(String consumerId) {
        return Optional.ofNullable(details.get(consumerId));
    }
}
