package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import com.google.inject.Module;
import dev.multipool.host.consumer.RuntimeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Configures a {@link MultipoolHostExtension}; every setting has the kit's default. Not thread-safe. */
public final class MultipoolHostBuilder {

    private final List<Path> pluginJars = new ArrayList<>();
    private String pools = AnnotationSettings.defaultPools();
    private final List<String> arguments = new ArrayList<>();
    private String nodeName = HostSettings.DEFAULT_NODE_NAME;
    private Duration nodeUpdateRate = HostSettings.DEFAULT_NODE_UPDATE_RATE;
    private Duration refreshInterval = RuntimeSettings.DEFAULT_REFRESH;
    private Duration expirationTimeout = RuntimeSettings.DEFAULT_EXPIRATION;
    private Duration gatePollInterval = HostSettings.DEFAULT_GATE_POLL;
    private Duration startTimeout = HostSettings.DEFAULT_START_TIMEOUT;
    private boolean awaitHealthy = true;
    private Duration requestTimeout = HostSettings.DEFAULT_REQUEST_TIMEOUT;
    private final List<Module> overrides = new ArrayList<>();

    MultipoolHostBuilder() {
    }

    /**
     * Adds a plugin jar to load.
     *
     * @param jar the jar, for example {@code target/my-plugin-1.0.jar}
     * @return this builder
     */
    public MultipoolHostBuilder pluginJar(Path jar) {
        pluginJars.add(requireNonNull(jar, "jar is null"));
        return this;
    }

    /**
     * Adds the plugin jar named by a system property, the way a Maven build passes the jar it
     * packaged (failsafe's {@code systemPropertyVariables}).
     *
     * @param property the system property, for example {@code plugin.jar}
     * @return this builder
     * @throws IllegalArgumentException if the property is not set
     */
    public MultipoolHostBuilder pluginJarFromProperty(String property) {
        return pluginJar(Path.of(AnnotationSettings.expand("${" + requireNonNull(property, "property is null") + "}")));
    }

    /**
     * Sets the pool objects ({@code --standalone-pools}) as YAML text: CiliumPodIPPool,
     * CiliumResourceIPPool or any kind of the same shape, separated by {@code ---}.
     *
     * @param yaml the YAML text
     * @return this builder
     */
    public MultipoolHostBuilder standalonePools(String yaml) {
        this.pools = requireNonNull(yaml, "yaml is null");
        return this;
    }

    /**
     * Sets the pool objects from a YAML file.
     *
     * @param file the file
     * @return this builder
     * @throws UncheckedIOException if it cannot be read
     */
    public MultipoolHostBuilder standalonePools(Path file) {
        try {
            return standalonePools(Files.readString(requireNonNull(file, "file is null"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pool file " + file, e);
        }
    }

    /**
     * Sets the pool objects from a class path resource.
     *
     * @param resource the resource name, for example {@code vm-pools.yaml}
     * @return this builder
     * @throws IllegalArgumentException if there is no such resource
     */
    public MultipoolHostBuilder standalonePoolsResource(String resource) {
        return standalonePools(AnnotationSettings.resource(requireNonNull(resource, "resource is null")));
    }

    /**
     * Adds an option of the host or of a consumer, as {@code --name=value}.
     *
     * @param name the option name without dashes
     * @param value its value
     * @return this builder
     */
    public MultipoolHostBuilder option(String name, String value) {
        arguments.add("--" + requireNonNull(name, "name is null") + "=" + requireNonNull(value, "value is null"));
        return this;
    }

    /**
     * Adds a raw command-line argument, for example {@code --enable-ipv6}.
     *
     * @param argument the argument
     * @return this builder
     */
    public MultipoolHostBuilder argument(String argument) {
        arguments.add(requireNonNull(argument, "argument is null"));
        return this;
    }

    /**
     * Enables IPv6 ({@code --enable-ipv6}) beside IPv4.
     *
     * @return this builder
     */
    public MultipoolHostBuilder enableIpv6() {
        return argument("--enable-ipv6");
    }

    /**
     * Sets the node name ({@code --k8s-node-name}; default {@value HostSettings#DEFAULT_NODE_NAME}).
     *
     * @param name the node name
     * @return this builder
     */
    public MultipoolHostBuilder nodeName(String name) {
        this.nodeName = requireNonNull(name, "name is null");
        return this;
    }

    /**
     * Sets the debounce of node writes ({@code --ipam-cilium-node-update-rate}; default 200 ms).
     *
     * @param rate the rate
     * @return this builder
     */
    public MultipoolHostBuilder nodeUpdateRate(Duration rate) {
        this.nodeUpdateRate = requireNonNull(rate, "rate is null");
        return this;
    }

    /**
     * Sets the node writers' periodic rewrite (default 1 minute, as in production).
     *
     * @param interval the interval
     * @return this builder
     */
    public MultipoolHostBuilder refreshInterval(Duration interval) {
        this.refreshInterval = requireNonNull(interval, "interval is null");
        return this;
    }

    /**
     * Sets how long an address allocated with {@code expiration: true} lives unconfirmed
     * (default 10 minutes, as in production).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public MultipoolHostBuilder expirationTimeout(Duration timeout) {
        this.expirationTimeout = requireNonNull(timeout, "timeout is null");
        return this;
    }

    /**
     * Sets how often the host checks a waiting startup gate (default 50 ms).
     *
     * @param interval the interval
     * @return this builder
     */
    public MultipoolHostBuilder gatePollInterval(Duration interval) {
        this.gatePollInterval = requireNonNull(interval, "interval is null");
        return this;
    }

    /**
     * Sets how long the start waits for {@code /v1/healthz} to answer 200 (default 30 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public MultipoolHostBuilder startTimeout(Duration timeout) {
        this.startTimeout = requireNonNull(timeout, "timeout is null");
        return this;
    }

    /**
     * Sets whether the start waits for {@code /v1/healthz} to answer 200 (default true); turn
     * it off to test a consumer that waits at a gate or fails.
     *
     * @param await true to wait
     * @return this builder
     */
    public MultipoolHostBuilder awaitHealthy(boolean await) {
        this.awaitHealthy = await;
        return this;
    }

    /**
     * Sets the deadline of one REST request (default 10 s).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public MultipoolHostBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = requireNonNull(timeout, "timeout is null");
        return this;
    }

    /**
     * Adds a Guice module whose bindings replace the host's. This reaches into host internals,
     * which carry no compatibility promise; prefer the other settings.
     *
     * @param module the module
     * @return this builder
     */
    public MultipoolHostBuilder override(Module module) {
        overrides.add(requireNonNull(module, "module is null"));
        return this;
    }

    /**
     * Returns the settings, for {@link TestHost#prepare(HostSettings)} outside JUnit.
     *
     * @return the settings
     */
    public HostSettings settings() {
        return new HostSettings(pluginJars, pools, arguments, nodeName, nodeUpdateRate, refreshInterval,
                expirationTimeout, gatePollInterval, startTimeout, awaitHealthy, requestTimeout, overrides);
    }

    /**
     * Builds the extension.
     *
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public MultipoolHostExtension build() {
        return MultipoolHostExtension.of(settings());
    }
}
