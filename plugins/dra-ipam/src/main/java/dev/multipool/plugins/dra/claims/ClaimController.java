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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>Informer callbacks and pool catalog changes only queue claim keys; one worker thread of its own
 * does all the work (allocation, status writes, retries after a backoff), so the host's threads are
 * never blocked. A key queued again before its turn is worked on once.
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

    private final Set<ClaimKey> queued = ConcurrentHashMap.newKeySet();
    private final Map<ClaimKey, ResourceClaim> tombstones = new ConcurrentHashMap<>();
    /** Worker-thread state: the pending retry and the count of consecutive errors per claim. */
    private final Map<ClaimKey, ScheduledFuture<?>> retries = new ConcurrentHashMap<>();
    private final Map<ClaimKey, Integer> errors = new ConcurrentHashMap<>();

    private ScheduledExecutorService worker;
    private SharedIndexInformer<ResourceClaim> informer;
    private Subscription catalogSubscription;
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
                enqueue(ClaimKey.of(claim));
            }

            @Override
            public void onUpdate(ResourceClaim before, ResourceClaim after) {
                enqueue(ClaimKey.of(after));
            }

            @Override
            public void onDelete(ResourceClaim claim, boolean finalStateUnknown) {
                ClaimKey key = ClaimKey.of(claim);
                tombstones.put(key, claim);
                enqueue(key);
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
            informer.getStore().list().forEach(claim -> enqueue(ClaimKey.of(claim)));
        });
    }

    private void enqueue(ClaimKey key) {
        if (queued.add(key)) {
            submit(() -> {
                queued.remove(key);
                work(key);
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

    private void work(ClaimKey key) {
        ScheduledFuture<?> pending = retries.remove(key);
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            ResourceClaim claim = informer.getStore().getByKey(Cache.namespaceKeyFunc(key.namespace(), key.name()));
            ResourceClaim tombstone = tombstones.remove(key);
            Optional<Duration> retryAfter;
            if (claim == null) {
                reconciler.deleted(key, tombstone);
                retryAfter = Optional.empty();
            } else {
                retryAfter = reconciler.reconcile(key, claim);
            }
            errors.remove(key);
            retryAfter.ifPresent(delay -> retryLater(key, delay));
        } catch (RuntimeException e) {
            int count = errors.merge(key, 1, Integer::sum);
            Duration delay = backoff.delay(count);
            LOG.warn("ResourceClaim {}: reconcile failed ({} in a row), retrying in {}: {}", key, count, delay,
                    e.getMessage(), e);
            retryLater(key, delay);
        }
    }

    private void retryLater(ClaimKey key, Duration delay) {
        try {
            retries.put(key, worker.schedule(() -> enqueue(key), delay.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            LOG.debug("claim controller stopped; no retry for {}", key);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (catalogSubscription != null) {
            catalogSubscription.close();
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
