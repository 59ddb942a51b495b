package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.BackgroundTask;
import dev.multipool.api.ConsumerDefinition;
import dev.multipool.api.ConsumerException;
import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.Family;
import dev.multipool.api.InvalidPoolSectionException;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolSection;
import dev.multipool.api.ResourceDocument;
import dev.multipool.api.Subscription;
import dev.multipool.host.manager.ManagerParams;
import dev.multipool.host.manager.MultiPoolManager;
import dev.multipool.host.manager.RangeRules;
import dev.multipool.host.plugin.LoadedConsumer;
import dev.multipool.host.plugin.PluginCalls;
import dev.multipool.host.state.AllocationRecord;
import dev.multipool.host.status.ConsumerDetail;
import dev.multipool.host.status.ConsumerHealth;
import dev.multipool.host.status.ConsumerState;
import dev.multipool.host.sync.NodeWriter;
import dev.multipool.host.sync.NodeWriterParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One enabled consumer, from its plugin's definition to serving: it builds the consumer's manager
 * and node writer, waits for the node, restores the consumer's stored allocations (spec M41,
 * M42), starts the consumer's background tasks, runs its startup gates, and then serves. Any
 * failure on the way marks this consumer failed; the host and the other consumers go on.
 */
public final class ConsumerRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerRuntime.class);

    private final LoadedConsumer loaded;
    private final RuntimeSettings settings;
    private final HostServices services;
    private final List<AllocationRecord> records;
    private final HostConsumerContext context;
    private final ConsumerStatus status = new ConsumerStatus();
    private final CountDownLatch nodeSeen = new CountDownLatch(1);
    private final List<Runnable> nodeListeners = new CopyOnWriteArrayList<>();
    private final List<BackgroundTask> startedTasks = new ArrayList<>();
    private final ScheduledExecutorService timerScheduler;
    private final Object nodeLock = new Object();
    private final GateWakeup gateWakeup = new GateWakeup();
    private final Thread startup;

    private volatile ConsumerDefinition definition;
    private volatile MultiPoolManager manager;
    private volatile NodeWriter writer;
    private volatile AllocationService service;
    private volatile boolean restored;
    private ExpirationTimers timers;
    private Subscription catalogSubscription;
    private ResourceDocument latestSeen;
    private volatile ResourceDocument lastIngested;

    /**
     * Creates the runtime; nothing runs until {@link #start()}.
     *
     * @param loaded the consumer and its plugin
     * @param options the consumer's parsed options
     * @param settings host-wide settings
     * @param services shared host parts
     * @param records the consumer's stored allocations
     */
    public ConsumerRuntime(LoadedConsumer loaded, ConsumerOptions options, RuntimeSettings settings,
                           HostServices services, List<AllocationRecord> records) {
        this.loaded = requireNonNull(loaded, "loaded is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.services = requireNonNull(services, "services is null");
        this.records = List.copyOf(requireNonNull(records, "records is null"));
        this.context = new HostConsumerContext(id(), settings, services, options, loaded.classLoader(),
                () -> new PluginIpamFacade(this));
        this.timerScheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "expiration-" + id());
            thread.setDaemon(true);
            return thread;
        });
        this.startup = new Thread(this::run, "consumer-" + id() + "-start");
        this.startup.setDaemon(true);
    }

    /**
     * Returns the consumer's id.
     *
     * @return the id
     */
    public String id() {
        return loaded.id();
    }

    /** Starts the consumer on its own thread. */
    public void start() {
        startup.start();
    }

    private void run() {
        try {
            status.starting("defining the consumer");
            definition = DefinitionWrapper.wrap(
                    loaded.consumer().define(context), loaded.classLoader());
            buildManager();
            awaitNode();
            restore();
            writer.start();
            startTasks();
            new GateRunner(id(), settings.clock(), settings.gatePollInterval(), status, gateWakeup).run(definition.startupGates());
            status.ready();
            log.info("consumer {} is ready", id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            fail(e);
        }
    }

    private void buildManager() {
        ConsumerDefinition def = definition;
        manager = new MultiPoolManager(ManagerParams.builder(id())
                .enabledFamilies(settings.families())
                .preAllocation(def.preAllocation())
                .demandMode(def.demandMode())
                .masqueradePolicy(def.masqueradePolicy())
                .clock(settings.clock())
                .syncTrigger(this::triggerWrite)
                .build());
        PoolCatalog catalog = services.catalogs().catalog(def.poolKind());
        services.sections().register(id(), def.sectionAccessor(), catalog);
        applyRangeRules(catalog);
        catalogSubscription = catalog.onChange(() -> {
            applyRangeRules(catalog);
            gateWakeup.signal();
        });
        writer = new NodeWriter(new NodeWriterParams(id(), services.nodeSource(), def.sectionAccessor(),
                manager::computeSync, this::lastIngested, this::ingest, settings.nodeUpdateRate(),
                settings.refreshInterval(), gateWakeup.signallingAfterPasses(new WriterMetrics(id(), services.metrics()))));
        timers = new ExpirationTimers(settings.clock(), timerScheduler, (pool, address, uuid) -> service.expire(pool, address, uuid));
        service = new AllocationService(id(), manager, services.journal(), timers, settings.expirationTimeout(),
                def.poolSelector(), def.allocRange(), this::lastIngested, services.metrics());
        synchronized (nodeLock) {
            if (latestSeen != null) {
                ingest(latestSeen);
            }
        }
    }

    private void applyRangeRules(PoolCatalog catalog) {
        for (PoolDefinition pool : catalog.list()) {
            manager.setRangeRules(pool.name(), new RangeRules(pool.allowFirstIp(), pool.allowLastIp()));
        }
    }

    private void awaitNode() throws InterruptedException {
        status.starting("waiting for node " + settings.nodeName());
        while (!nodeSeen.await(5, TimeUnit.SECONDS)) {
            log.info("consumer {}: waiting for {}{} from the {} node source", id(),
                    lastIngested == null ? "node " : "a readable version of node ", settings.nodeName(),
                    settings.mode().name().toLowerCase(Locale.ROOT));
        }
    }

    private void restore() {
        status.starting("restoring " + records.size() + " allocation(s)");
        RestoreReplay.Result result = RestoreReplay.replay(id(), manager, timers, records);
        result.warnings().forEach(status::warn);
        for (Family family : settings.families()) {
            manager.restoreFinished(family);
        }
        restored = true;
        log.info("consumer {}: restored {} allocation(s): {} placed, {} waiting for their CIDR, {} not restored; "
                + "restore finished for {}", id(), records.size(), result.placed(), result.deferred(),
                result.notRestored(), settings.families());
    }

    private void startTasks() throws InterruptedException {
        for (BackgroundTask task : definition.backgroundTasks()) {
            status.starting("starting " + task.name());
            try {
                task.start();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new ConsumerException("background task " + task.name() + " failed to start: " + e, e);
            }
            synchronized (startedTasks) {
                startedTasks.add(task);
            }
        }
    }

    private void fail(Throwable error) {
        String reason = error instanceof ConsumerException ? error.getMessage() : error.toString();
        log.error("consumer {} failed: {}", id(), reason, error);
        status.failed(reason);
        stopTasks();
        NodeWriter current = writer;
        if (current != null) {
            current.close();
        }
    }

    /** Feeds a node version from the node source (any thread). */
    void nodeUpserted(ResourceDocument node) {
        synchronized (nodeLock) {
            latestSeen = node;
            if (manager != null) {
                ingest(node);
            }
        }
    }

    /**
     * Feeds a node version to the manager. A version whose section cannot be read changes nothing
     * and is reported; it does not count as the node being seen, so a consumer whose first node is
     * unreadable waits for a readable one instead of restoring into, and later publishing, a view
     * without the node's CIDRs (which would give back the CIDRs holding its stored addresses).
     */
    private void ingest(ResourceDocument node) {
        boolean read = false;
        synchronized (nodeLock) {
            if (!NodeVersions.isNewer(node, lastIngested)) {
                return;
            }
            try {
                PoolSection section = definition.sectionAccessor().read(node);
                manager.upsertNode(section);
                read = true;
            } catch (InvalidPoolSectionException e) {
                log.error("consumer {}: ignoring node version {}: {}", id(), node.resourceVersion().orElse("?"), e.getMessage());
                status.warn("node version " + node.resourceVersion().orElse("?") + " ignored: " + e.getMessage());
            }
            lastIngested = node;
        }
        if (read) {
            nodeSeen.countDown();
        }
        nodeListeners.forEach(Runnable::run);
        gateWakeup.signal();
    }

    private void triggerWrite() {
        NodeWriter current = writer;
        if (current != null) {
            current.trigger();
        }
    }

    Optional<ResourceDocument> lastIngested() {
        return Optional.ofNullable(lastIngested);
    }

    boolean firstSyncDone() {
        NodeWriter current = writer;
        return current != null && current.firstSyncDone();
    }

    Subscription onNodeChange(Runnable listener) {
        Runnable wrapped = PluginCalls.wrap(Runnable.class, listener, loaded.classLoader());
        nodeListeners.add(wrapped);
        return () -> nodeListeners.remove(wrapped);
    }

    /** The IPAM layer for the consumer's own plugin: usable once restore finished, unless failed. */
    AllocationService service() {
        if (!restored || status.state() == ConsumerState.FAILED) {
            throw ConsumerUnavailableException.unavailable(id(), status.describe());
        }
        return service;
    }

    /** The IPAM layer for the REST API: only while ready. */
    IpamService readyService() {
        if (status.state() != ConsumerState.READY) {
            throw ConsumerUnavailableException.unavailable(id(), status.describe());
        }
        return service;
    }

    MultiPoolManager manager() {
        MultiPoolManager current = manager;
        if (current == null) {
            throw ConsumerUnavailableException.unavailable(id(), status.describe());
        }
        return current;
    }

    /**
     * Returns the consumer's health entry.
     *
     * @return a snapshot
     */
    public ConsumerHealth health() {
        ConsumerHealth health = status.health();
        return new ConsumerHealth(health.state(), health.gate(), health.reason(), warnings(health));
    }

    /**
     * Adds a warning to the consumer's status (for example a problem met while reading the stored
     * allocations); it stays until the host stops.
     *
     * @param warning the text
     */
    public void warn(String warning) {
        status.warn(requireNonNull(warning, "warning is null"));
    }

    /** The status's warnings, plus one about deferred restores while there are any. */
    private List<String> warnings(ConsumerHealth health) {
        MultiPoolManager current = manager;
        int deferred = current == null ? 0 : current.deferredRestoreCount();
        if (deferred == 0) {
            return health.warnings();
        }
        List<String> warnings = new ArrayList<>(health.warnings());
        warnings.add("restore: " + deferred + " stored allocation(s) wait for their CIDR to be delegated again; "
                + "their addresses stay reserved for their owners (see deferred-restores)");
        return warnings;
    }

    /**
     * Returns the consumer's detail document.
     *
     * @return a snapshot
     */
    public ConsumerDetail detail() {
        ConsumerHealth health = health();
        MultiPoolManager current = manager;
        Map<Family, Boolean> restore = new EnumMap<>(Family.class);
        for (Family family : settings.families()) {
            restore.put(family, current != null && current.isRestoreFinished(family));
        }
        return new ConsumerDetail(id(), loaded.plugin(), health.state(), health.reason(), restore,
                current == null ? List.of() : current.dump(),
                current == null ? Map.of() : current.deferredRestores(), health.warnings());
    }

    private void stopTasks() {
        List<BackgroundTask> tasks;
        synchronized (startedTasks) {
            tasks = new ArrayList<>(startedTasks);
            startedTasks.clear();
        }
        Collections.reverse(tasks);
        for (BackgroundTask task : tasks) {
            try {
                task.close();
            } catch (RuntimeException e) {
                log.warn("consumer {}: background task {} failed to stop", id(), task.name(), e);
            }
        }
    }

    @Override
    public void close() {
        startup.interrupt();
        try {
            startup.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopTasks();
        if (catalogSubscription != null) {
            catalogSubscription.close();
        }
        if (writer != null) {
            writer.close();
        }
        if (timers != null) {
            timers.close();
        }
        timerScheduler.shutdownNow();
    }
}
