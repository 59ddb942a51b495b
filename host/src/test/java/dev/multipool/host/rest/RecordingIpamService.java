package dev.multipool.host.rest;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.host.consumer.AddressReply;
import dev.multipool.host.consumer.HostAddressing;
import dev.multipool.host.consumer.IpamReply;
import dev.multipool.host.consumer.IpamService;
import dev.multipool.host.consumer.NextAddressRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-test {@link IpamService} that records every call and answers with fixed addresses, or
 * throws the error a test sets. Records let tests prove that malformed input reached nothing.
 */
final class RecordingIpamService implements IpamService {

    /** One recorded call: the method name and its arguments. */
    record Call(String method, List<Object> arguments) {
    }

    static final IpAddress NEXT_V4 = IpAddress.parse("10.20.0.7");
    static final IpAddress NEXT_V6 = IpAddress.parse("fd00:20::7");
    static final Cidr CIDR_V4 = Cidr.parse("10.20.0.0/26");
    static final Cidr CIDR_V6 = Cidr.parse("fd00:20::/120");
    static final Cidr ALLOC_RANGE_V4 = Cidr.parse("10.20.0.0/16");

    private final String id;
    private final Set<Family> enabled;
    private final List<Call> calls = new ArrayList<>();
    private volatile RuntimeException failure;
    private volatile Runnable beforeEachCall = () -> { };
    private volatile boolean skipMasquerade;
    private volatile Optional<String> uuidV4 = Optional.empty();
    private volatile Optional<String> uuidV6 = Optional.empty();

    RecordingIpamService(String id, Set<Family> enabled) {
        this.id = id;
        this.enabled = Set.copyOf(enabled);
    }

    /** Makes every following call throw the error. */
    void failWith(RuntimeException error) {
        this.failure = error;
    }

    /** Runs the hook at the start of every call, outside the record's lock (for example to block). */
    void beforeEachCall(Runnable hook) {
        this.beforeEachCall = hook;
    }

    /** Sets the masquerade answer of next-address replies. */
    void skipMasquerade(boolean skip) {
        this.skipMasquerade = skip;
    }

    /** Sets the expiration UUIDs returned when a request asks for timers. */
    void expirationUuids(String v4, String v6) {
        this.uuidV4 = Optional.of(v4);
        this.uuidV6 = Optional.of(v6);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void record(String method, Object... arguments) {
        beforeEachCall.run();
        synchronized (this) {
            calls.add(new Call(method, List.of(arguments)));
        }
        RuntimeException error = failure;
        if (error != null) {
            throw error;
        }
    }

    @Override
    public String consumerId() {
        return id;
    }

    @Override
    public Set<Family> enabledFamilies() {
        return enabled;
    }

    @Override
    public IpamReply allocateNext(NextAddressRequest request) {
        record("allocateNext", request);
        PoolName pool = request.pool().orElse(PoolName.of("default"));
        Map<Family, AddressReply> addresses = new EnumMap<>(Family.class);
        for (Family family : request.family().map(Set::of).orElse(enabled)) {
            IpAddress address = family == Family.IPV4 ? NEXT_V4 : NEXT_V6;
            Cidr cidr = family == Family.IPV4 ? CIDR_V4 : CIDR_V6;
            Optional<String> uuid = !request.expiration() ? Optional.empty() : family == Family.IPV4 ? uuidV4 : uuidV6;
            addresses.put(family, new AddressReply(
                    new AllocationResult(address, pool, cidr, request.owner(), skipMasquerade), uuid));
        }
        return new IpamReply(addresses, hostAddressing());
    }

    @Override
    public AllocationResult allocate(IpAddress address, PoolName pool, String owner) {
        record("allocate", address, pool, owner);
        return new AllocationResult(address, pool, new Cidr(address, address.family() == Family.IPV4 ? 24 : 120),
                owner, false);
    }

    @Override
    public void release(IpAddress address, PoolName pool) {
        record("release", address, pool);
    }

    @Override
    public void stopExpiration(IpAddress address, PoolName pool, String uuid) {
        record("stopExpiration", address, pool, uuid);
    }

    @Override
    public HostAddressing hostAddressing() {
        Map<Family, HostAddressing.FamilyAddressing> families = new EnumMap<>(Family.class);
        families.put(Family.IPV4, new HostAddressing.FamilyAddressing(enabled.contains(Family.IPV4),
                enabled.contains(Family.IPV4) ? Optional.of(ALLOC_RANGE_V4) : Optional.empty()));
        families.put(Family.IPV6, new HostAddressing.FamilyAddressing(enabled.contains(Family.IPV6), Optional.empty()));
        return new HostAddressing(families);
    }
}
