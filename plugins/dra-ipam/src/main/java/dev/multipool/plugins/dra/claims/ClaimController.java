package dev.multipool.plugins.dra.claims;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.BackgroundTask;
import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import dev.multipool.plugins.dra.pools.PoolPlacement;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim controller of the {@code dra} consumer: watches {@code resource.k8s.io/v1}
 * ResourceClaims in every namespace and gives each device of the configured driver allocated on this
 * node its addresses (ARCHITECTURE.md 7.2, spec D3, D4, D7).
 *
 * <p>Informer callbacks, pool catalog changes and node changes only queue claim keys, each with why
 * ({@link ReconcileTrigger}); one worker thread of its own does all the work (allocation, status
 * writes, retries after a backoff), so the host's threads are never blocked. A key queued again
 * before its turn is worked on once, for every reason it was queued. A claim event never cancels or
 * hastens a device's retry: the timer set for the earliest due device stays as it is.
 */
public final class ClaimController implements BackgroundTask {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimController.class);

    /**
     * How often the informer replays every claim; a device given up that long ago gets a fresh round
     * of attempts then.
     */
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final String driver;
    private final ConsumerContext context;
    private final PoolPlacement placement;
    private final BackoffPolicy backoff;
    private final Duration resync;

    private final Map<ClaimKey, ReconcileTrigger> queued = new ConcurrentHashMap<>();
    private final Map<ClaimKey, ResourceClaim> tombstones = new ConcurrentHashMap<>();
    /** Worker-thread state: the pending retry and the count of consecutive errors per claim. */
    private final Map<ClaimKey, PendingRetry> retries = new ConcurrentHashMap<>();
    private final Map<ClaimKey, Integer> errors = new ConcurrentHashMap<>();

    private ScheduledExecutorService worker;
    private SharedIndexInformer<ResourceClaim> informer;
    private Subscription catalogSubscription;
    private Subscription nodeSubscription;
    private ClaimReconciler reconciler;
    private volatile boolean closed;

    /**
     * Creates the controller; nothing runs before {@link #start()}.
     *
     * @param client the host's Kubernetes client
     * @param driver the DRA driver name
     * @param context the consumer's context
     * @param placement the pool/node check
     * @param backoff the retry policy while a pool is not ready
     * @param resync how often the informer replays every claim
     */
    public ClaimController(KubernetesClient client, String driver, ConsumerContext context, PoolPlacement placement,
                           BackoffPolicy backoff, Duration resync) {
        this.client = requireNonNull(client, "client is null");
        this.driver = requireNonNull(driver, "driver is null");
        this.context = requireNonNull(context, "context is null");
        this.placement = requireNonNull(placement, "placement is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.resync = requireNonNull(resync, "resync is null");
    }

    @Override
    public String name() {
        return "dra-claim-controller";
    }

    @Override
    public void start() {
        ConsumerIpam ipam = context.ipam();
        Supplier<Map<String, String>> labels = () -> ipam.node().map(ResourceDocument::labels).orElse(Map.of());
        reconciler = new ClaimReconciler(new ClaimDevices(driver),
                new DeviceAddressing(ipam, placement, context.enabledFamilies(), context.nodeName()),
                new DeviceStatusEntries(driver, context.clock()), new ClaimStatusWriter(client), ipam, backoff,
                context.nodeName(), labels, context.clock(), resync);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "dra-claim-controller");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        worker = executor;
        informer = client.dynamicResourceAllocation().v1().resourceClaims().inAnyNamespace()
                .runnableInformer(resync.toMillis());
        informer.addEventHandler(new ResourceEventHandler<ResourceClaim>() {
            @Override
            public void onAdd(ResourceClaim claim) {
                enqueue(ClaimKey.of(claim), ReconcileTrigger.EVENT);
            }

            @Override
            public void onUpdate(ResourceClaim before, ResourceClaim after) {
                enqueue(ClaimKey.of(after), ReconcileTrigger.EVENT);
            }

            @Override
            public void onDelete(ResourceClaim claim, boolean finalStateUnknown) {
                ClaimKey key = ClaimKey.of(claim);
                tombstones.put(key, claim);
                enqueue(key, ReconcileTrigger.EVENT);
            }
        });
        // without this, a failed first listing (API server briefly unavailable, a 500 while it starts)
        // would stop the informer for good and leave every claim unserved
        informer.exceptionHandler((started, failure) -> {
            if (closed) {
                return false;
            }
            LOG.warn("listing or watching ResourceClaims for driver {} failed, retrying: {}", driver,
                    failure.getMessage());
            return true;
        });
        catalogSubscription = placement.catalog().onChange(this::poolsChanged);
        nodeSubscription = ipam.onNodeChange(this::nodeChanged);
        informer.start().whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.error("ResourceClaim watch for driver {} did not start: {}", driver, failure.getMessage(), failure);
            } else {
                LOG.info("watching ResourceClaims of driver {} on node {}", driver, context.nodeName());
                // every claim is listed now: what the host restored for claims that went away meanwhile goes
                submit(this::releaseOrphans);
            }
        });
    }

    private void releaseOrphans() {
        try {
            int released = reconciler.releaseOrphans(key ->
                    informer.getStore().getByKey(Cache.namespaceKeyFunc(key.namespace(), key.name())));
            if (released > 0) {
                LOG.info("released the addresses of {} device(s) whose ResourceClaims went away while the host was down",
                        released);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not release the addresses of ResourceClaims that went away: {}", e.getMessage(), e);
        }
    }

    private void poolsChanged() {
        submit(() -> {
            reconciler.retryGivenUp();
            informer.getStore().list().forEach(claim -> enqueue(ClaimKey.of(claim), ReconcileTrigger.POOLS_CHANGED));
        });
    }

    /** The node's pools may have new CIDRs: claims with a waiting device look whether they are ready now. */
    private void nodeChanged() {
        submit(() -> reconciler.waiting().forEach(key -> enqueue(key, ReconcileTrigger.EVENT)));
    }

    private void enqueue(ClaimKey key, ReconcileTrigger trigger) {
        boolean[] fresh = {false};
        queued.compute(key, (k, before) -> {
            fresh[0] = before == null;
            return before == null ? trigger : before.and(trigger);
        });
        if (fresh[0]) {
            submit(() -> {
                work(key, queued.remove(key)); // only this task removes the key, so it is there
            });
        }
    }

    private void submit(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("claim controller stopped; dropped a task");
        }
    }

    private void work(ClaimKey key, ReconcileTrigger trigger) {
        try {
            ResourceClaim claim = informer.getStore().getByKey(Cache.namespaceKeyFunc(key.namespace(), key.name()));
            ResourceClaim tombstone = tombstones.remove(key);
            Optional<Instant> retryAt;
            if (claim == null) {
                reconciler.deleted(key, tombstone);
                retryAt = Optional.empty();
            } else {
                retryAt = reconciler.reconcile(key, claim, trigger);
            }
            errors.remove(key);
            if (retryAt.isPresent()) {
                retryAt(key, retryAt.get(), false);
            } else {
                PendingRetry pending = retries.remove(key);
                if (pending != null) {
                    pending.future().cancel(false);
                }
            }
        } catch (RuntimeException e) {
            int count = errors.merge(key, 1, Integer::sum);
            Duration delay = backoff.delay(count);
            LOG.warn("ResourceClaim {}: reconcile failed ({} in a row), retrying in {}: {}", key, count, delay,
                    e.getMessage(), e);
            retryAt(key, context.clock().instant().plus(delay), true);
        }
    }

    /**
     * Sets the claim's retry timer for an instant on the consumer's clock. A timer still pending for
     * the same instant (or, when {@code keepEarlier}, an earlier one) is kept, so a claim event
     * neither postpones nor hastens a retry.
     */
    private void retryAt(ClaimKey key, Instant due, boolean keepEarlier) {
        PendingRetry pending = retries.get(key);
        if (pending != null && !pending.future().isDone()
                && (pending.due().equals(due) || (keepEarlier && pending.due().isBefore(due)))) {
            return;
        }
        if (pending != null) {
            pending.future().cancel(false);
        }
        long nanos = Math.max(0, Duration.between(context.clock().instant(), due).toNanos());
        try {
            retries.put(key, new PendingRetry(due, worker.schedule(() -> enqueue(key, ReconcileTrigger.retry(due)),
                    nanos, TimeUnit.NANOSECONDS)));
        } catch (RejectedExecutionException e) {
            retries.remove(key);
            LOG.debug("claim controller stopped; no retry for {}", key);
        }
    }

    /** A retry timer and the instant it was set for. */
    private record PendingRetry(Instant due, ScheduledFuture<?> future) {
    }

    @Override
    public void close() {
        closed = true;
        if (catalogSubscription != null) {
            catalogSubscription.close();
        }
        if (nodeSubscription != null) {
            nodeSubscription.close();
        }
        if (informer != null) {
            informer.stop();
        }
        if (worker != null) {
            worker.shutdownNow();
            try {
                if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("claim controller worker did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
