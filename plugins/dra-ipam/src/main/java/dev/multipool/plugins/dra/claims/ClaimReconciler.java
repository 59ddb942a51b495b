package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AddressNotAllocatedException;
import dev.multipool.api.AllocationResult;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.IpamException;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one ResourceClaim's devices on this node to their wanted state: addresses held and a
 * status entry for every device of the driver allocated here; nothing held and no entry for a
 * device that was deallocated or whose claim is gone.
 *
 * <p>A device whose pool is not ready is tried again on the backoff schedule. A reconcile for any
 * other reason (a watch event of the claim, our own status write included) re-reads the claim but
 * spends none of the device's attempts before its retry is due, unless the pool catalog changed
 * ({@link ReconcileTrigger}), the device's parameters changed, or its pool now has a free address
 * of every family it misses. A device whose pool stays unready for every attempt of the backoff is
 * given up: its claim shows why, and it gets a fresh round of attempts when the pool catalog
 * changes or, at the latest, at the first reconcile after {@code retryGivenUpAfter} (the
 * informer's resync guarantees one).
 *
 * <p>Not thread-safe: the claim controller calls it from its single worker thread only.
 */
final class ClaimReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimReconciler.class);

    private final ClaimDevices claimDevices;
    private final DeviceAddressing addressing;
    private final DeviceStatusEntries entries;
    private final ClaimStatusWriter writer;
    private final ConsumerIpam ipam;
    private final BackoffPolicy backoff;
    private final String nodeName;
    private final Supplier<Map<String, String>> nodeLabels;
    private final Clock clock;
    private final Duration retryGivenUpAfter;

    /** Devices this node served (or tried to) per claim, to release them when they go away. */
    private final Map<ClaimKey, Set<DeviceRef>> known = new HashMap<>();
    private final Map<ClaimKey, String> uids = new HashMap<>();
    private final Map<String, DeviceAttempts> attempts = new HashMap<>();

    ClaimReconciler(ClaimDevices claimDevices, DeviceAddressing addressing, DeviceStatusEntries entries,
                    ClaimStatusWriter writer, ConsumerIpam ipam, BackoffPolicy backoff, String nodeName,
                    Supplier<Map<String, String>> nodeLabels, Clock clock, Duration retryGivenUpAfter) {
        this.claimDevices = requireNonNull(claimDevices, "claimDevices is null");
        this.addressing = requireNonNull(addressing, "addressing is null");
        this.entries = requireNonNull(entries, "entries is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.ipam = requireNonNull(ipam, "ipam is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
        this.nodeLabels = requireNonNull(nodeLabels, "nodeLabels is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.retryGivenUpAfter = requireNonNull(retryGivenUpAfter, "retryGivenUpAfter is null");
    }

    /**
     * Reconciles a claim that exists.
     *
     * @param key the claim
     * @param claim its latest state
     * @param trigger why it is reconciled now
     * @return when to try again, if a device waits for its pool
     */
    Optional<Instant> reconcile(ClaimKey key, ResourceClaim claim, ReconcileTrigger trigger) {
        String uid = claim.getMetadata().getUid();
        String previousUid = uid == null ? null : uids.put(key, uid);
        if (previousUid != null && !previousUid.equals(uid)) {
            // deleted and created again under the same name: the old devices go first
            forget(key, Set.of());
        }
        List<DeviceAssignment> devices = claimDevices.onThisNode(claim, nodeName, nodeLabels.get());
        Set<DeviceRef> wanted = devices.stream().map(DeviceAssignment::ref).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> wantedNames = devices.stream().map(DeviceAssignment::device).collect(Collectors.toSet());
        Set<DeviceRef> stale = new LinkedHashSet<>(known.getOrDefault(key, Set.of()));
        stale.addAll(claimDevices.orphanEntries(claim));
        stale.removeAll(wanted);
        for (DeviceRef device : stale) {
            if (!wantedNames.contains(device.device())) {
                drop(key.owner(device.device()));
            }
        }
        List<AllocatedDeviceStatus> current = claim.getStatus() == null ? null : claim.getStatus().getDevices();
        Map<DeviceRef, AllocatedDeviceStatus> desired = new LinkedHashMap<>();
        Instant retryAt = null;
        for (DeviceAssignment device : devices) {
            AllocatedDeviceStatus existing = entries.find(current, device.ref());
            Step step = step(key, device, existing, trigger);
            if (step.entry() != null) {
                desired.put(device.ref(), step.entry());
            }
            if (step.retryAt() != null && (retryAt == null || step.retryAt().isBefore(retryAt))) {
                retryAt = step.retryAt();
            }
        }
        if (wanted.isEmpty()) {
            known.remove(key);
        } else {
            known.put(key, wanted);
        }
        if (!entries.merge(current, desired, stale).equals(current == null ? List.of() : current)) {
            write(key, desired, stale);
        }
        return Optional.ofNullable(retryAt);
    }

    /** What one device's attempt leaves: its status entry (or none yet) and when to try again. */
    private record Step(AllocatedDeviceStatus entry, Instant retryAt) {
    }

    private Step step(ClaimKey key, DeviceAssignment device, AllocatedDeviceStatus existing, ReconcileTrigger trigger) {
        String owner = key.owner(device.device());
        Instant now = clock.instant();
        DeviceAttempts tried = attempts.get(owner);
        if (tried != null && (!tried.sameParameters(device) || tried.gaveUpLongAgo(retryGivenUpAfter, now))) {
            // new parameters, or a give-up long enough ago: a fresh round of attempts
            attempts.remove(owner);
            tried = null;
        }
        Optional<Instant> waitsUntil = tried == null ? Optional.empty() : tried.nextAttempt();
        if (waitsUntil.isPresent() && !trigger.due(waitsUntil.get(), now) && !addressing.mayServeNow(device, owner)) {
            // its retry is not due and nothing it waits for changed: this reconcile spends no attempt
            return new Step(existing, waitsUntil.get());
        }
        Optional<DeviceOutcome.Failed> gaveUp = tried == null ? Optional.empty() : tried.gaveUp();
        DeviceOutcome outcome = gaveUp.isPresent()
                ? gaveUp.get()
                : addressing.serve(device, owner, DeviceStatusEntries.ips(existing));
        if (outcome instanceof DeviceOutcome.Served served) {
            attempts.remove(owner);
            return new Step(entries.served(device, served.ips()), null);
        }
        if (outcome instanceof DeviceOutcome.Failed failed) {
            if (gaveUp.isEmpty()) {
                // it cannot be served as configured: it no longer waits for its pool
                attempts.remove(owner);
            }
            return failed(key, device, owner, existing, failed);
        }
        DeviceOutcome.Retry retry = (DeviceOutcome.Retry) outcome;
        DeviceAttempts counted = attempts.computeIfAbsent(owner, o -> new DeviceAttempts(device));
        int failedSoFar = counted.failedAt(backoff, now);
        if (failedSoFar >= backoff.maxAttempts()) {
            DeviceOutcome.Failed why = new DeviceOutcome.Failed(DeviceOutcome.POOL_NOT_READY,
                    retry.message() + " (gave up after " + failedSoFar + " attempts)");
            counted.giveUp(why, now);
            return failed(key, device, owner, existing, why);
        }
        Instant next = counted.nextAttempt().orElseThrow();
        LOG.info("ResourceClaim {}: attempt {} of {} failed, next in {}: {}", key, failedSoFar, backoff.maxAttempts(),
                Duration.between(now, next), retry.message());
        // an entry already there (for example from before a restart) stays as it is meanwhile
        return new Step(existing, next);
    }

    private Step failed(ClaimKey key, DeviceAssignment device, String owner, AllocatedDeviceStatus existing,
                        DeviceOutcome.Failed failed) {
        // what the owner got before the failure is useless now
        release(owner);
        if (!DeviceStatusEntries.shows(existing, "False", failed.reason())) {
            LOG.warn("ResourceClaim {}: {}", key, failed.message());
        }
        return new Step(entries.failed(device, failed.reason(), failed.message()), null);
    }

    private void write(ClaimKey key, Map<DeviceRef, AllocatedDeviceStatus> desired, Set<DeviceRef> stale) {
        boolean exists = writer.update(key, (fresh, current) -> {
            // only devices still allocated here in the claim as read now; a newer event handles the rest
            Set<DeviceRef> stillWanted = claimDevices.onThisNode(fresh, nodeName, nodeLabels.get()).stream()
                    .map(DeviceAssignment::ref).collect(Collectors.toSet());
            Map<DeviceRef, AllocatedDeviceStatus> kept = new LinkedHashMap<>(desired);
            Set<DeviceRef> removed = new HashSet<>(stale);
            for (DeviceRef device : desired.keySet()) {
                if (!stillWanted.contains(device)) {
                    kept.remove(device);
                    removed.add(device);
                }
            }
            return entries.merge(current, kept, removed);
        });
        if (exists) {
            LOG.debug("ResourceClaim {}: status.devices written", key);
        }
    }

    /**
     * Releases everything of a claim that is gone.
     *
     * @param key the claim
     * @param lastState its last known state, or null
     */
    void deleted(ClaimKey key, ResourceClaim lastState) {
        Set<DeviceRef> devices = new LinkedHashSet<>();
        if (lastState != null) {
            claimDevices.onThisNode(lastState, nodeName, nodeLabels.get()).forEach(device -> devices.add(device.ref()));
        }
        forget(key, devices);
        uids.remove(key);
    }

    /**
     * Releases the addresses of every owner of the controller's form ({@link ClaimOwner}) whose
     * claim no longer gives it a reason to hold them ({@link ClaimDevices#keepsDevice}): the claims
     * deleted or deallocated while the host was down, whose addresses the host restored. Runs once
     * the informer has listed every claim; deferred restores are included
     * ({@link ConsumerIpam#allocations()}).
     *
     * @param claims the claim of a key as the informer has it, or null
     * @return how many owners were released
     */
    int releaseOrphans(Function<ClaimKey, ResourceClaim> claims) {
        Set<String> owners = new LinkedHashSet<>();
        ipam.allocations().forEach(held -> owners.add(held.owner()));
        int released = 0;
        for (String owner : owners) {
            Optional<ClaimOwner> parsed = ClaimOwner.parse(owner);
            if (parsed.isEmpty()) {
                continue;
            }
            ResourceClaim claim = claims.apply(parsed.get().claim());
            if (!claimDevices.keepsDevice(claim, parsed.get().device(), nodeName, nodeLabels.get())) {
                LOG.info("{}: {}, releasing what the host restored for it", owner, claim == null
                        ? "its ResourceClaim no longer exists" : "its ResourceClaim no longer allocates the device here");
                drop(owner);
                released++;
            }
        }
        return released;
    }

    /** Forgets every device that gave up, so the next reconcile tries again (the pools changed). */
    void retryGivenUp() {
        attempts.values().removeIf(tried -> tried.gaveUp().isPresent());
    }

    /**
     * Returns the claims with a device waiting for its pool, to look again when the node's pools
     * may have become ready.
     *
     * @return the claims
     */
    Set<ClaimKey> waiting() {
        Set<ClaimKey> claims = new LinkedHashSet<>();
        known.forEach((key, devices) -> devices.forEach(device -> {
            DeviceAttempts tried = attempts.get(key.owner(device.device()));
            if (tried != null && tried.nextAttempt().isPresent()) {
                claims.add(key);
            }
        }));
        return claims;
    }

    private void forget(ClaimKey key, Set<DeviceRef> moreDevices) {
        Set<String> devices = new LinkedHashSet<>();
        known.getOrDefault(key, Set.of()).forEach(device -> devices.add(device.device()));
        moreDevices.forEach(device -> devices.add(device.device()));
        known.remove(key);
        for (String device : devices) {
            drop(key.owner(device));
        }
    }

    /** Releases what the owner holds and forgets its attempts: the device is gone. */
    private void drop(String owner) {
        release(owner);
        attempts.remove(owner);
    }

    private void release(String owner) {
        for (AllocationResult held : ipam.allocationsOf(owner)) {
            try {
                ipam.release(held.address(), held.pool());
                LOG.info("released {} of pool \"{}\" held by {}", held.address(), held.pool(), owner);
            } catch (AddressNotAllocatedException e) {
                LOG.debug("{} of pool \"{}\" was already released: {}", held.address(), held.pool(), e.getMessage());
            } catch (IpamException e) {
                LOG.warn("cannot release {} of pool \"{}\" held by {}: {}", held.address(), held.pool(), owner, e.getMessage());
            }
        }
    }
}
