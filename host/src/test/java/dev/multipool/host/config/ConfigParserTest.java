package dev.multipool.host.config;

import static dev.multipool.host.config.ConfigFixtures.ENV;
import static dev.multipool.host.config.ConfigFixtures.INSTALL;
import static dev.multipool.host.config.ConfigFixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The host flags of ARCHITECTURE.md 5.1: defaults, both value forms, booleans. */
class ConfigParserTest {

    @TempDir
    static Path pluginsDir;

    @Test
    void everyHostFlagHasItsDocumentedDefault() {
        HostOptions options = host();

        assertThat(options.kubeconfigPath()).isEmpty();
        assertThat(options.nodeName()).as("the host name, lower-cased as the kubelet does").isEqualTo("node-a");
        assertThat(options.standalone()).isFalse();
        assertThat(options.mode()).isEqualTo(HostMode.KUBERNETES);
        assertThat(options.standalonePools()).isEqualTo(INSTALL.resolve("conf/pools.yaml"));
        assertThat(options.socketPath()).isEqualTo(Path.of("/var/run/multipool/multipool.sock"));
        assertThat(options.stateDir()).isEqualTo(Path.of("/var/lib/multipool"));
        assertThat(options.pluginsDir()).isEqualTo(INSTALL.resolve("plugins"));
        assertThat(options.enableIpv4()).isTrue();
        assertThat(options.enableIpv6()).isFalse();
        assertThat(options.enabledFamilies()).containsExactly(Family.IPV4);
        assertThat(options.nodeUpdateRate()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.prometheusServeAddr()).isEmpty();
        assertThat(options.consumers()).as("every loaded consumer").containsExactly("pod", "dra");
        assertThat(options.config()).isEmpty();
        assertThat(options.help()).isFalse();
    }

    @Test
    void nodeNameDefaultsToTheK8sNodeNameVariable() {
        HostEnvironment env = HostEnvironment.fixed(Map.of("K8S_NODE_NAME", "worker-7"), Map.of(), "ignored", Path.of("/"));

        HostOptions options = ConfigParser.bootstrap(List.of(), env).complete(List.of(), List.of()).host();

        assertThat(options.nodeName()).isEqualTo("worker-7");
    }

    @Test
    void installDirectoryIsTheWorkingDirectoryWithoutTheLauncherProperty() {
        HostEnvironment env = HostEnvironment.fixed(Map.of(), Map.of(), "node-b", Path.of("/srv/mp"));

        HostOptions options = ConfigParser.bootstrap(List.of(), env).complete(List.of(), List.of()).host();

        assertThat(options.pluginsDir()).isEqualTo(Path.of("/srv/mp/plugins"));
        assertThat(options.standalonePools()).isEqualTo(Path.of("/srv/mp/conf/pools.yaml"));
        assertThat(options.consumers()).isEmpty();
    }

    static Stream<Arguments> flagsWithValues() {
        return Stream.of(
                flag("k8s-kubeconfig-path", "/etc/kube/config", HostOptions::kubeconfigPath, Optional.of(Path.of("/etc/kube/config"))),
                flag("k8s-node-name", "worker-1.example", HostOptions::nodeName, "worker-1.example"),
                flag("standalone-pools", "/etc/multipool/pools.yaml", HostOptions::standalonePools, Path.of("/etc/multipool/pools.yaml")),
                flag("socket-path", "/run/mp.sock", HostOptions::socketPath, Path.of("/run/mp.sock")),
                flag("state-dir", "/data/mp", HostOptions::stateDir, Path.of("/data/mp")),
                flag("plugins-dir", pluginsDir.toString(), HostOptions::pluginsDir, pluginsDir),
                flag("ipam-cilium-node-update-rate", "1h30m", HostOptions::nodeUpdateRate, Duration.ofMinutes(90)),
                flag("ipam-cilium-node-update-rate", "500ms", HostOptions::nodeUpdateRate, Duration.ofMillis(500)),
                flag("prometheus-serve-addr", "127.0.0.1:9962", HostOptions::prometheusServeAddr,
                        Optional.of(new HostPort("127.0.0.1", 9962))),
                flag("consumers", "dra", HostOptions::consumers, List.of("dra")),
                flag("consumers", "dra, pod,dra", HostOptions::consumers, List.of("dra", "pod")));
    }

    private static Arguments flag(String name, String value, Function<HostOptions, Object> read, Object expected) {
        return Arguments.of(name, value, read, expected);
    }

    @ParameterizedTest(name = "--{0} {1}")
    @MethodSource("flagsWithValues")
    void everyFlagTakesItsValueAsNextArgumentOrAfterAnEqualsSign(String name, String value,
                                                               Function<HostOptions, Object> read, Object expected) {
        assertThat(read.apply(host("--" + name, value))).isEqualTo(expected);
        assertThat(read.apply(host("--" + name + "=" + value))).isEqualTo(expected);
    }

    @Test
    void configFlagIsRecorded(@TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("empty.yaml"), "");

        assertThat(host("--config", file.toString()).config()).contains(file);
        assertThat(host("--config=" + file).config()).contains(file);
    }

    @Test
    void booleanFlagsAreTrueWhenBareAndTakeExplicitValuesAfterAnEqualsSign() {
        assertThat(host("--standalone").standalone()).isTrue();
        assertThat(host("--standalone=true").standalone()).isTrue();
        assertThat(host("--standalone=false").standalone()).isFalse();
        assertThat(host("--standalone=FALSE").standalone()).isFalse();
        assertThat(host("--enable-ipv6").enabledFamilies()).containsExactlyInAnyOrder(Family.IPV4, Family.IPV6);
        assertThat(host("--enable-ipv4=false", "--enable-ipv6").enabledFamilies()).containsExactly(Family.IPV6);
        assertThat(host("--standalone").mode()).isEqualTo(HostMode.STANDALONE);
    }

    @Test
    void aBareBooleanDoesNotSwallowTheNextFlag() {
        HostOptions options = host("--standalone", "--state-dir", "/data", "--enable-ipv6", "--socket-path=/run/x.sock");

        assertThat(options.standalone()).isTrue();
        assertThat(options.stateDir()).isEqualTo(Path.of("/data"));
        assertThat(options.enableIpv6()).isTrue();
        assertThat(options.socketPath()).isEqualTo(Path.of("/run/x.sock"));
    }

    @Test
    void theLastOccurrenceOfAFlagWins() {
        assertThat(host("--state-dir", "/a", "--state-dir=/b").stateDir()).isEqualTo(Path.of("/b"));
    }

    @Test
    void helpIsRequestedWithHelpOrH() {
        assertThat(ConfigParser.bootstrap(List.of("--help"), ENV).helpRequested()).isTrue();
        assertThat(ConfigParser.bootstrap(List.of("-h"), ENV).helpRequested()).isTrue();
        assertThat(ConfigParser.bootstrap(List.of("--help=false"), ENV).helpRequested()).isFalse();
        assertThat(ConfigParser.bootstrap(List.of(), ENV).helpRequested()).isFalse();
        assertThat(host("--help").help()).isTrue();
    }

    @Test
    void bootstrapReportsThePluginsDirectoryBeforePluginsAreLoaded() {
        BootstrapOptions boot = ConfigParser.bootstrap(List.of("--plugins-dir", pluginsDir.toString(), "--dra-driver-name=x"), ENV);

        assertThat(boot.pluginsDir()).isEqualTo(pluginsDir);
        assertThat(boot.configFile()).isEmpty();
        assertThat(ConfigParser.bootstrap(List.of(), ENV).pluginsDir()).isEqualTo(INSTALL.resolve("plugins"));
    }

    @Test
    void unixSocketPathAtTheKernelLimitIsAccepted() {
        String path = "/" + "s".repeat(HostOptionsReader.MAX_SOCKET_PATH_BYTES - 1);

        assertThat(host("--socket-path", path).socketPath()).isEqualTo(Path.of(path));
    }
}
