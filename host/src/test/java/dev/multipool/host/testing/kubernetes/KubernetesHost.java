package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import dev.multipool.host.HostLauncher;
import dev.multipool.host.MultipoolHost;
import dev.multipool.host.RunningHost;
import dev.multipool.host.config.HostEnvironment;
import dev.multipool.host.config.HostOptions;
import dev.multipool.host.consumer.RuntimeSettings;
import dev.multipool.host.state.FileAllocationJournal;
import dev.multipool.host.state.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real host in Kubernetes mode against a {@link MockApiServer}: started with
 * {@link HostLauncher#launch} and the command line an installation would use
 * ({@code --k8s-kubeconfig-path}, {@code --k8s-node-name}, socket, state and plugins directories,
 * both families unless {@link Builder#ipv4Only()}), with the two {@link TestConsumerPlugins} (or the jars given to
 * {@link Builder#pluginJars}) in its plugins directory. The only
 * override is {@link RuntimeSettings}, for a short node update rate and refresh interval.
 *
 * <p>The CiliumNode must exist before {@link Builder#start()} returns a ready host: the host never
 * creates it. {@link #restart()} stops the host and starts it again on the same state directory
 * (the restart path: stored allocations are restored before the first write).
 */
public final class KubernetesHost implements AutoCloseable {

    /** How long host-side waits in these tests may take at most. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Builder settings;
    private RunningHost running;

    private KubernetesHost(Builder settings) {
        this.settings = settings;
    }

    /**
     * Starts configuring a host.
     *
     * @param api the mock API server
     * @param directory a directory of its own for this host (socket, state, plugins)
     * @return the builder
     */
    public static Builder builder(MockApiServer api, Path directory) {
        return new Builder(api, directory);
    }

    /** Configures a {@link KubernetesHost}. */
    public static final class Builder {
        private final MockApiServer api;
        private final Path directory;
        private String nodeName = "node-a";
        private final List<String> extraArgs = new ArrayList<>();
        private Duration updateRate = Duration.ofMillis(50);
        private Duration refresh = RuntimeSettings.DEFAULT_REFRESH;
        private boolean ipv6 = true;
        private final List<JournalEntry> stored = new ArrayList<>();
        private final List<Path> pluginJars = new ArrayList<>();

        private Builder(MockApiServer api, Path directory) {
            this.api = requireNonNull(api, "api is null");
            this.directory = requireNonNull(directory, "directory is null");
        }

        /**
         * Sets the node name (default {@code node-a}).
         *
         * @param name the name of the node and its CiliumNode
         * @return this
         */
        public Builder nodeName(String name) {
            this.nodeName = requireNonNull(name, "name is null");
            return this;
        }

        /**
         * Adds command line arguments (consumer options, {@code --consumers}, ...).
         *
         * @param args the arguments
         * @return this
         */
        public Builder args(String... args) {
            extraArgs.addAll(Arrays.asList(args));
            return this;
        }

        /**
         * Sets the node writers' debounce (default 50 ms).
         *
         * @param rate the update rate
         * @return this
         */
        public Builder updateRate(Duration rate) {
            this.updateRate = requireNonNull(rate, "rate is null");
            return this;
        }

        /**
         * Sets the node writers' periodic pass (default 1 minute, as in production).
         *
         * @param interval the refresh interval
         * @return this
         */
        public Builder refresh(Duration interval) {
            this.refresh = requireNonNull(interval, "interval is null");
            return this;
        }

        /**
         * Puts these plugin jars (for example a real plugin's built jar) into the plugins directory
         * instead of the two {@link TestConsumerPlugins}.
         *
         * @param jars the jars
         * @return this
         */
        public Builder pluginJars(Path... jars) {
            for (Path jar : jars) {
                pluginJars.add(requireNonNull(jar, "jar is null"));
            }
            return this;
        }

        /**
         * Leaves {@code --enable-ipv6} out: the host runs IPv4 only.
         *
         * @return this
         */
        public Builder ipv4Only() {
            this.ipv6 = false;
            return this;
        }

        /**
         * Stores an allocation in the host's journal before the first start, as a previous run of
         * the host would have left it: the host restores it before its first node write (spec M41).
         *
         * @param consumer the consumer id
         * @param pool the pool
         * @param ip the address
         * @param owner the owner
         * @return this
         */
        public Builder stored(String consumer, String pool, String ip, String owner) {
            stored.add(new JournalEntry.Allocated(consumer, PoolName.of(pool), IpAddress.parse(ip), owner,
                    Optional.empty()));
            return this;
        }

        /**
         * Launches the host and waits until {@code /v1/healthz} answers 200 (every consumer ready).
         *
         * @return the host
         */
        public KubernetesHost start() {
            KubernetesHost host = startWithoutWaiting();
            host.awaitReady();
            return host;
        }

        /**
         * Launches the host without waiting for its consumers.
         *
         * @return the host
         */
        public KubernetesHost startWithoutWaiting() {
            KubernetesHost host = new KubernetesHost(this);
            host.launch();
            return host;
        }
    }

    private void launch() {
        Path plugins = settings.directory.resolve("plugins");
        try {
            if (!Files.isDirectory(plugins)) {
                Files.createDirectories(plugins);
                if (settings.pluginJars.isEmpty()) {
                    TestConsumerPlugins.buildInto(plugins);
                }
                for (Path jar : settings.pluginJars) {
                    Files.copy(jar, plugins.resolve(jar.getFileName()));
                }
                seedJournal();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of(
                "--k8s-kubeconfig-path", settings.api.kubeconfig().toString(),
                "--k8s-node-name", settings.nodeName,
                "--socket-path", socket().toString(),
                "--state-dir", stateDir().toString(),
                "--plugins-dir", plugins.toString(),
                "--enable-ipv6=" + settings.ipv6,
                "--ipam-cilium-node-update-rate", settings.updateRate.toMillis() + "ms"));
        args.addAll(settings.extraArgs);
        HostEnvironment environment = HostEnvironment.fixed(Map.of(), Map.of(), "test-host", settings.directory);
        Duration updateRate = settings.updateRate;
        Duration refresh = settings.refresh;
        HostLauncher.Outcome outcome = HostLauncher.launch(args, environment, new AbstractModule() {
            @Provides
            @Singleton
            RuntimeSettings runtimeSettings(HostOptions options) {
                return new RuntimeSettings(options.nodeName(), options.mode(), options.enabledFamilies(),
                        Clock.systemUTC(), updateRate, refresh, RuntimeSettings.DEFAULT_EXPIRATION,
                        Duration.ofMillis(20));
            }
        });
        running = ((HostLauncher.Started) outcome).host();
    }

    private void seedJournal() {
        if (settings.stored.isEmpty()) {
            return;
        }
        try (FileAllocationJournal journal = new FileAllocationJournal(stateDir().resolve("allocations"))) {
            journal.open();
            journal.append(settings.stored);
        }
    }

    /** Waits until {@code /v1/healthz} answers 200 with state {@code ok}. */
    public void awaitReady() {
        HostRest rest = rest();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            var reply = rest.healthzReply();
            return reply.status() == 200 && HostRest.json(reply).path("state").asString().equals("ok");
        });
    }

    /**
     * Returns the node name.
     *
     * @return the name
     */
    public String nodeName() {
        return settings.nodeName;
    }

    /**
     * Returns the REST API's socket.
     *
     * @return the path
     */
    public Path socket() {
        return settings.directory.resolve("multipool.sock");
    }

    /**
     * Returns the state directory ({@code allocations/} holds the journal).
     *
     * @return the path
     */
    public Path stateDir() {
        return settings.directory.resolve("state");
    }

    /**
     * Returns a REST client.
     *
     * @return the client
     */
    public HostRest rest() {
        return new HostRest(socket());
    }

    /**
     * Returns the running host.
     *
     * @return the host
     */
    public MultipoolHost host() {
        return running.host();
    }

    /**
     * Returns the PUTs of the CiliumNode this host sent (answered or refused), in order.
     *
     * @return the requests
     */
    public List<RequestLog.Call> nodePuts() {
        String path = MockApiServer.CILIUM_NODES_PATH + "/" + settings.nodeName;
        return settings.api.requests().fromHost(call -> call.method().equals("PUT")
                && call.pathWithoutQuery().equals(path));
    }

    /** Stops the host and starts it again on the same state directory; waits until it is ready. */
    public void restart() {
        running.close();
        launch();
        awaitReady();
    }

    @Override
    public void close() {
        if (running != null) {
            running.close();
        }
    }
}
