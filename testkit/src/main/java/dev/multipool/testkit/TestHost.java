package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import dev.multipool.host.HostLauncher;
import dev.multipool.host.RunningHost;
import dev.multipool.host.config.Durations;
import dev.multipool.host.config.HostEnvironment;
import dev.multipool.host.node.NodeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A real multipool host running in this JVM in standalone mode, with the plugins under test loaded
 * from their jars: what a test gets from {@link MultipoolHostExtension}.
 *
 * <p>Everything lives in one temporary directory, removed by {@link #close()}: {@code plugins/}
 * (the jars), {@code pools.yaml}, {@code state/} (the allocation journal and the node document)
 * and the REST socket. The host is launched exactly as {@code bin/multipool-host --standalone}
 * launches it, through the same two-phase boot ({@link HostLauncher}), so plugin loading, option
 * parsing, startup gates, the REST API and the embedded operator are the real ones.
 *
 * <p>{@link #stop()} and {@link #start()} (or {@link #restart()}) keep the directory, so a test can
 * check that its consumer's allocations survive a restart.
 */
public final class TestHost implements AutoCloseable {

    /** Unix socket paths are limited to 107 bytes. */
    private static final int MAX_SOCKET_PATH = 107;
    private static final Duration POLL = Duration.ofMillis(25);

    private final HostSettings settings;
    private final Path root;
    private final Path pluginsDir;
    private final Path stateDir;
    private final Path poolsFile;
    private final Path socket;
    private final HostClient client;
    private final NodeDocument node;
    private volatile RunningHost running;

    private TestHost(HostSettings settings, Path root) {
        this.settings = settings;
        this.root = root;
        this.pluginsDir = root.resolve("plugins");
        this.stateDir = root.resolve("state");
        this.poolsFile = root.resolve("pools.yaml");
        this.socket = root.resolve("multipool.sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new IllegalStateException("the socket path " + socket + " is longer than " + MAX_SOCKET_PATH
                    + " bytes; point java.io.tmpdir at a shorter directory");
        }
        this.client = new HostClient(socket, settings.requestTimeout());
        this.node = new NodeDocument(stateDir.resolve("standalone").resolve("ciliumnode.json"),
                () -> Optional.ofNullable(running).map(host -> (NodeSource) host.host().nodeSource()));
    }

    /**
     * Prepares a host: creates the directory, copies the plugin jars and writes the pool file. The
     * host does not run until {@link #start()}.
     *
     * @param settings how to run it
     * @return the prepared host
     * @throws IllegalArgumentException if a plugin jar does not exist
     * @throws UncheckedIOException if the directory cannot be prepared
     */
    public static TestHost prepare(HostSettings settings) {
        requireNonNull(settings, "settings is null");
        Path root;
        try {
            root = Files.createTempDirectory("multipool-testkit-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test host's directory", e);
        }
        try {
            TestHost host = new TestHost(settings, root);
            host.writePluginsAndPools();
            return host;
        } catch (RuntimeException e) {
            deleteTree(root);
            throw e;
        }
    }

    private void writePluginsAndPools() {
        try {
            Files.createDirectories(pluginsDir);
            for (Path jar : settings.pluginJars()) {
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException("plugin jar " + jar + " does not exist: build it first "
                            + "(run the test in the integration-test phase, after package)");
                }
                Path target = pluginsDir.resolve(jar.getFileName());
                if (Files.exists(target)) {
                    throw new IllegalArgumentException("two plugin jars are named " + jar.getFileName());
                }
                Files.copy(jar, target);
            }
            Files.writeString(poolsFile, settings.standalonePools(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test host's directory", e);
        }
    }

    /**
     * Starts the host and, unless the settings say otherwise, waits until {@code /v1/healthz}
     * answers 200.
     *
     * @throws IllegalStateException if the host already runs
     * @throws dev.multipool.host.config.UsageException for a bad option (the host's exit status 2)
     * @throws dev.multipool.host.HostStartException if the host cannot start (exit status 1)
     * @throws AssertionError if the host is not healthy within the start timeout
     */
    public synchronized void start() {
        if (running != null) {
            throw new IllegalStateException("the test host already runs");
        }
        Module[] overrides = new Module[settings.overrides().size() + 1];
        overrides[0] = new KitTimings(settings);
        for (int i = 0; i < settings.overrides().size(); i++) {
            overrides[i + 1] = settings.overrides().get(i);
        }
        HostEnvironment environment = HostEnvironment.fixed(Map.of(), Map.of(), settings.nodeName(), root);
        HostLauncher.Outcome outcome = HostLauncher.launch(commandLine(), environment, overrides);
        if (!(outcome instanceof HostLauncher.Started started)) {
            throw new IllegalStateException("the arguments asked for --help instead of a host: " + commandLine());
        }
        running = started.host();
        if (settings.awaitHealthy()) {
            awaitHealthy(settings.startTimeout());
        }
    }

    /**
     * Returns the command line the host is launched with.
     *
     * @return the arguments, as {@code bin/multipool-host} would get them
     */
    public List<String> commandLine() {
        List<String> args = new ArrayList<>(List.of("--standalone",
                "--standalone-pools", poolsFile.toString(),
                "--state-dir", stateDir.toString(),
                "--socket-path", socket.toString(),
                "--plugins-dir", pluginsDir.toString(),
                "--k8s-node-name", settings.nodeName(),
                "--ipam-cilium-node-update-rate", Durations.format(settings.nodeUpdateRate())));
        args.addAll(settings.arguments());
        return args;
    }

    /** Stops the host (REST API, consumers, plugins), keeping its directory. Does nothing if stopped. */
    public synchronized void stop() {
        RunningHost host = running;
        running = null;
        if (host != null) {
            host.close();
        }
    }

    /** Stops the host and starts it again on the same directory, as a node reboot would. */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Waits until {@code /v1/healthz} answers 200: every enabled consumer is ready, or failed and
     * reported while the others are ready.
     *
     * @param timeout how long to wait
     * @return the last health body
     * @throws AssertionError with the last health body when the time is up
     */
    public JsonNode awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + requireNonNull(timeout, "timeout is null").toNanos();
        HostResponse last = null;
        while (true) {
            try {
                last = client.healthz();
                if (last.status() == 200) {
                    return last.json();
                }
            } catch (IllegalStateException notListeningYet) {
                last = null;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("the host did not become healthy within " + timeout + "; last /v1/healthz: "
                        + (last == null ? "no answer" : last.status() + " " + last.body()));
            }
            Pause.sleep(POLL);
        }
    }

    /**
     * Waits until a consumer reaches a state in {@code /v1/healthz} ({@code starting},
     * {@code waiting}, {@code ready} or {@code failed}).
     *
     * @param consumerId the consumer
     * @param state the state to wait for
     * @param timeout how long to wait
     * @return the consumer's part of the health body ({@code state}, {@code gate}, {@code reason}, ...)
     * @throws AssertionError with the last health body when the time is up
     */
    public JsonNode awaitConsumerState(String consumerId, String state, Duration timeout) {
        requireNonNull(consumerId, "consumerId is null");
        requireNonNull(state, "state is null");
        long deadline = System.nanoTime() + requireNonNull(timeout, "timeout is null").toNanos();
        while (true) {
            HostResponse health = client.healthz();
            JsonNode consumer = health.json().path("consumers").path(consumerId);
            if (state.equals(consumer.path("state").asString(""))) {
                return consumer;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("consumer " + consumerId + " did not reach state " + state + " within "
                        + timeout + "; last /v1/healthz: " + health.status() + " " + health.body());
            }
            Pause.sleep(POLL);
        }
    }

    /**
     * Returns the REST client on the host's socket.
     *
     * @return the client
     */
    public HostClient client() {
        return client;
    }

    /**
     * Returns the node document.
     *
     * @return the node document
     */
    public NodeDocument node() {
        return node;
    }

    /**
     * Returns whether the host runs.
     *
     * @return true between {@link #start()} and {@link #stop()}
     */
    public boolean isRunning() {
        return running != null;
    }

    /**
     * Returns the running host's internals, for checks the REST API does not offer (metrics, the
     * registry). These are host types with no compatibility promise to plugin authors.
     *
     * @return the running host
     * @throws IllegalStateException if the host is stopped
     */
    public RunningHost runningHost() {
        RunningHost host = running;
        if (host == null) {
            throw new IllegalStateException("the test host is stopped");
        }
        return host;
    }

    /**
     * Returns the {@code --plugins-dir}.
     *
     * @return the plugins directory
     */
    public Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * Returns the {@code --state-dir}.
     *
     * @return the state directory
     */
    public Path stateDir() {
        return stateDir;
    }

    /**
     * Returns the {@code --socket-path}.
     *
     * @return the socket path
     */
    public Path socketPath() {
        return socket;
    }

    /**
     * Returns the settings the host runs with.
     *
     * @return the settings
     */
    public HostSettings settings() {
        return settings;
    }

    /** Stops the host, closes the client and removes the directory. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            client.close();
            deleteTree(root);
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the test host's directory " + directory, e);
        }
    }
}
