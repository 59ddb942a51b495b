package dev.multipool.host.e2e;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import dev.multipool.host.HostLauncher;
import dev.multipool.host.config.HostEnvironment;
import dev.multipool.host.consumer.RuntimeSettings;
import dev.multipool.host.testing.PluginJarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Describes an {@link E2eHost} to start: its plugins, pool file, flags, families and timings (the
 * node writer's 100 ms update rate and 500 ms refresh, a 20 ms gate poll, the expiration timeout),
 * bound through an override module of {@link RuntimeSettings}.
 */
final class E2eHostBuilder {

    private final Path root;
    private final List<PluginJarBuilder> plugins = new ArrayList<>(List.of(E2ePlugins.POD, E2ePlugins.DRA));
    private final List<Consumer<Path>> pluginFiles = new ArrayList<>();
    private final List<String> flags = new ArrayList<>();
    private String pools = E2ePools.POOLS;
    private Set<Family> families = EnumSet.of(Family.IPV4);
    private Duration expiration = RuntimeSettings.DEFAULT_EXPIRATION;
    private boolean awaitHealthy = true;
    private final Set<String> cidrsToAwait = new LinkedHashSet<>(Set.of("pod"));

    E2eHostBuilder(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** Replaces the plugins (default: {@code pod} and {@code dra}). */
    E2eHostBuilder plugins(PluginJarBuilder... builders) {
        plugins.clear();
        plugins.addAll(List.of(builders));
        if (!plugins.contains(E2ePlugins.POD)) {
            cidrsToAwait.remove("pod");
        }
        return this;
    }

    /** Adds a file written into the plugins directory by hand (a corrupt jar, ...). */
    E2eHostBuilder pluginFile(Consumer<Path> writer) {
        pluginFiles.add(writer);
        return this;
    }

    /** Enables IPv6 as well as IPv4. */
    E2eHostBuilder dualStack() {
        families = EnumSet.of(Family.IPV4, Family.IPV6);
        return this;
    }

    /** Adds command-line flags. */
    E2eHostBuilder flags(String... more) {
        flags.addAll(List.of(more));
        return this;
    }

    /** Replaces the pool file's content. */
    E2eHostBuilder pools(String yaml) {
        pools = yaml;
        return this;
    }

    /** Sets the life of unconfirmed addresses (spec A5.7; 10 minutes by default). */
    E2eHostBuilder expiration(Duration timeout) {
        expiration = timeout;
        return this;
    }

    /** Returns from {@link #start()} at once, without waiting for health or CIDRs. */
    E2eHostBuilder noWait() {
        awaitHealthy = false;
        return this;
    }

    /** Also waits for the {@code default} pool's CIDRs of another consumer. */
    E2eHostBuilder awaitCidrsOf(String consumer) {
        cidrsToAwait.add(consumer);
        return this;
    }

    /** Returns the command line this builder launches with. */
    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--standalone",
                "--standalone-pools", root.resolve("pools.yaml").toString(),
                "--state-dir", root.resolve("state").toString(),
                "--socket-path", root.resolve("run/api.sock").toString(),
                "--plugins-dir", root.resolve("plugins").toString(),
                "--k8s-node-name", E2eHost.NODE,
                "--ipam-cilium-node-update-rate", "100ms"));
        if (families.contains(Family.IPV6)) {
            args.add("--enable-ipv6");
        }
        args.addAll(flags);
        return args;
    }

    /** Writes the plugins and the pool file (what {@link #start()} does before launching). */
    E2eHostBuilder prepare() {
        try {
            Path pluginsDir = Files.createDirectories(root.resolve("plugins"));
            E2ePlugins.compileAll();
            plugins.forEach(plugin -> plugin.buildInto(pluginsDir));
            pluginFiles.forEach(writer -> writer.accept(pluginsDir));
            Files.writeString(root.resolve("pools.yaml"), pools);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The override that shortens the host's timings. */
    Module timings() {
        RuntimeSettings settings = new RuntimeSettings(E2eHost.NODE, HostMode.STANDALONE, families, Clock.systemUTC(),
                Duration.ofMillis(100), Duration.ofMillis(500), expiration, Duration.ofMillis(20));
        return binder -> binder.bind(RuntimeSettings.class).toInstance(settings);
    }

    /** The environment the host computes flag defaults from. */
    HostEnvironment environment() {
        return HostEnvironment.fixed(Map.of(), Map.of(), "e2e-machine", root);
    }

    /** Prepares and launches the host, then waits as configured. */
    E2eHost start() {
        prepare();
        HostLauncher.Outcome outcome = HostLauncher.launch(arguments(), environment(), timings());
        if (!(outcome instanceof HostLauncher.Started started)) {
            throw new IllegalStateException("the host printed help instead of starting: " + outcome);
        }
        E2eHost host = new E2eHost(root, families, started.host());
        try {
            if (awaitHealthy) {
                await("GET /v1/healthz 200").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> host.get("/v1/healthz").status() == 200);
                for (String consumer : cidrsToAwait) {
                    for (Family family : families) {
                        host.awaitCidr(consumer, "default", family);
                    }
                }
            }
        } catch (RuntimeException | AssertionError e) {
            host.close();
            throw e;
        }
        return host;
    }
}
