package dev.multipool.host.config;

import static dev.multipool.host.config.ConfigFixtures.CONSUMERS;
import static dev.multipool.host.config.ConfigFixtures.DRA;
import static dev.multipool.host.config.ConfigFixtures.ENV;
import static dev.multipool.host.config.ConfigFixtures.POD;
import static dev.multipool.host.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.OptionSpec;
import dev.multipool.api.OptionType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way to get exit status 2: the message names the option. */
class UsageErrorsTest {

    @Test
    void usageErrorsExitWithStatusTwo() {
        assertThat(UsageException.EXIT_STATUS).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus| unknown flag --bogus",
        "--bogus=1| unknown flag --bogus",
        "--ipam-cilium-node-update-rate abc| invalid value \"abc\" for --ipam-cilium-node-update-rate: expected a number at \"abc\"",
        "--ipam-cilium-node-update-rate=-5s| invalid value \"-5s\" for --ipam-cilium-node-update-rate: a duration has no sign and must be positive",
        "--ipam-cilium-node-update-rate 0s| invalid value \"0s\" for --ipam-cilium-node-update-rate: must be positive",
        "--socket-path| missing value for --socket-path",
        "--socket-path --standalone| missing value for --socket-path",
        "--state-dir=| invalid value \"\" for --state-dir: empty path",
        "--standalone true| unexpected argument \"true\" after --standalone: a boolean flag takes --standalone, --standalone=true or --standalone=false",
        "--enable-ipv6=yes| invalid value \"yes\" for --enable-ipv6: expected true or false",
        "--enable-ipv4=false| --enable-ipv4 and --enable-ipv6 are both false: enable at least one address family",
        "--standalone --k8s-kubeconfig-path /etc/kube| --standalone conflicts with --k8s-kubeconfig-path: standalone mode does not use Kubernetes",
        "--consumers pod,vm| unknown consumer \"vm\" in --consumers: loaded consumers are pod, dra",
        "--consumers=| invalid value \"\" for --consumers: empty consumer id; omit --consumers to enable every loaded consumer",
        "--k8s-node-name Node_A| invalid value \"Node_A\" for --k8s-node-name: must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)",
        "--prometheus-serve-addr 9962| invalid value \"9962\" for --prometheus-serve-addr: expected HOST:PORT",
        "--ipam-multi-pool-pre-allocation default=-1| invalid value \"default=-1\" for --ipam-multi-pool-pre-allocation: invalid value for pool \"default\": must not be negative, got -1",
        "--ipam-multi-pool-pre-allocation default=x| invalid value \"default=x\" for --ipam-multi-pool-pre-allocation: invalid value for pool \"default\": \"x\" is not a base-10 integer",
        "--only-masquerade-default-pool=maybe| invalid value \"maybe\" for --only-masquerade-default-pool: expected true or false",
        "--dra-driver-name| missing value for --dra-driver-name",
        "--dra-driver-name=| invalid value \"\" for --dra-driver-name: must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)",
        "--ipam-default-ip-pool Bad_Pool| invalid value \"Bad_Pool\" for --ipam-default-ip-pool: must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', at most 253 characters)",
        "standalone| unexpected argument \"standalone\": options are given as --name VALUE or --name=VALUE",
        "-standalone| unexpected argument \"-standalone\": options are given as --name VALUE or --name=VALUE",
        "--=x| unexpected argument \"--=x\": the flag has no name",
        "--help=maybe| invalid value \"maybe\" for --help: expected true or false",
        "--plugins-dir /no/such/dir| invalid value \"/no/such/dir\" for --plugins-dir: not a directory"
    })
    void badCommandLinesNameTheOption(String commandLine, String message) {
        assertThatThrownBy(() -> parse(commandLine.split(" "))).isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void socketPathLongerThanTheKernelAllowsIsRejected() {
        String path = "/" + "s".repeat(HostOptionsReader.MAX_SOCKET_PATH_BYTES);

        assertThatThrownBy(() -> parse("--socket-path", path)).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"" + path + "\" for --socket-path: a unix socket path has at most 107 bytes, this one has 108");
    }

    @Test
    void hostNameThatIsNoNodeNameAsksForTheFlag() {
        HostEnvironment env = HostEnvironment.fixed(Map.of(), Map.of(), "build_box", Path.of("/"));

        assertThatThrownBy(() -> ConfigParser.bootstrap(List.of(), env).complete(List.of(), List.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("invalid value \"build_box\" for --k8s-node-name (default from the host name): ")
                .hasMessageEndingWith("; set --k8s-node-name");
    }

    @Test
    void optionDeclaredByTwoConsumersIsRejected() {
        ConsumerDeclaration copycat = new ConsumerDeclaration("copycat", "copycat",
                List.of(OptionSpec.of("ipam-default-ip-pool", OptionType.STRING, "x", "same name as pod's")));

        assertThatThrownBy(() -> parse(List.of(POD, DRA, copycat))).isInstanceOf(UsageException.class)
                .hasMessage("option --ipam-default-ip-pool is declared by both consumer \"pod\" and consumer \"copycat\"");
    }

    @Test
    void optionClashingWithAHostFlagIsRejected() {
        ConsumerDeclaration clash = new ConsumerDeclaration("clash", "clash",
                List.of(OptionSpec.unset("state-dir", OptionType.STRING, "shadows the host flag")));

        assertThatThrownBy(() -> parse(List.of(clash))).isInstanceOf(UsageException.class)
                .hasMessage("option --state-dir of consumer \"clash\" clashes with the host flag --state-dir");
    }

    @Test
    void optionDeclaredTwiceByOneConsumerIsRejected() {
        ConsumerDeclaration twice = new ConsumerDeclaration("twice", "twice", List.of(
                OptionSpec.unset("twice-x", OptionType.STRING, "a"), OptionSpec.unset("twice-x", OptionType.INTEGER, "b")));

        assertThatThrownBy(() -> parse(List.of(twice))).isInstanceOf(UsageException.class)
                .hasMessage("consumer \"twice\" declares option --twice-x twice");
    }

    @Test
    void whilePluginsFailedUnknownFlagsAndConsumersAreWarningsNotErrors() {
        Configuration config = ConfigParser.bootstrap(List.of("--ipam-multi-pool-pre-allocation", "default=2",
                "--consumers", "dra,pod"), ENV).complete(List.of(DRA), List.of("pod-ipam"));

        assertThat(config.host().consumers()).as("the failed consumer stays listed, to be reported as failed")
                .containsExactly("dra", "pod");
        assertThat(config.warnings()).containsExactly(
                "unknown flag --ipam-multi-pool-pre-allocation (ignored: it may belong to a plugin that failed to load: pod-ipam)",
                "unknown consumer \"pod\" in --consumers: loaded consumers are dra; it may belong to a plugin that failed "
                        + "to load: pod-ipam");
    }

    @Test
    void bootstrapDoesNotYetKnowConsumerOptions(@TempDir Path plugins) {
        BootstrapOptions boot = ConfigParser.bootstrap(List.of("--plugins-dir", plugins.toString(), "--vm-max-leases", "3"), ENV);

        assertThat(boot.pluginsDir()).isEqualTo(plugins);
        assertThatThrownBy(() -> boot.complete(CONSUMERS, List.of())).isInstanceOf(UsageException.class)
                .hasMessage("unknown flag --vm-max-leases");
    }
}
