package dev.multipool.host.config;

import static dev.multipool.host.config.ConfigFixtures.CONSUMERS;
import static dev.multipool.host.config.ConfigFixtures.ENV;
import static dev.multipool.host.config.ConfigFixtures.POD;
import static dev.multipool.host.config.ConfigFixtures.VM;
import static dev.multipool.host.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.PoolName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options the consumers declare: parsed by type, handed over as ConsumerOptions, listed in --help. */
class ConsumerOptionsTest {

    @Test
    void declaredDefaultsApplyWhenNothingIsGiven() {
        Configuration config = parse();

        ConsumerOptions pod = config.options("pod");
        assertThat(pod.poolCounts("ipam-multi-pool-pre-allocation")).containsExactly(Map.entry(PoolName.of("default"), 8));
        assertThat(pod.string("ipam-default-ip-pool")).contains("default");
        assertThat(pod.bool("only-masquerade-default-pool")).isFalse();
        ConsumerOptions dra = config.options("dra");
        assertThat(dra.poolCounts("resource-ipam-multi-pool-pre-allocation")).isEmpty();
        assertThat(dra.string("dra-driver-name")).isEmpty();
    }

    @Test
    void givenValuesAreParsedByType() {
        Configuration config = parse(List.of(POD, VM), "--ipam-multi-pool-pre-allocation", "default=8,blue=4",
                "--only-masquerade-default-pool", "--vm-max-leases=-3", "--vm-lease-time", "1h30m", "--vm-labels", "tier=web,zone=a");

        assertThat(config.options("pod").poolCounts("ipam-multi-pool-pre-allocation"))
                .containsExactly(Map.entry(PoolName.of("default"), 8), Map.entry(PoolName.of("blue"), 4));
        assertThat(config.options("pod").bool("only-masquerade-default-pool")).isTrue();
        ConsumerOptions vm = config.options("vm");
        assertThat(vm.integer("vm-max-leases")).contains(-3);
        assertThat(vm.duration("vm-lease-time")).contains(Duration.ofMinutes(90));
        assertThat(vm.stringMap("vm-labels")).containsExactly(Map.entry("tier", "web"), Map.entry("zone", "a"));
        assertThat(config.consumerOptions()).containsOnlyKeys("pod", "vm");
    }

    @Test
    void unsetOptionsWithoutDefaultAreEmpty() {
        ConsumerOptions vm = parse(List.of(VM)).options("vm");

        assertThat(vm.integer("vm-max-leases")).contains(16);
        assertThat(vm.duration("vm-lease-time")).isEmpty();
        assertThat(vm.stringMap("vm-labels")).isEmpty();
    }

    @Test
    void askingForAnUndeclaredOptionOrTheWrongTypeFails() {
        ConsumerOptions pod = parse().options("pod");

        assertThatThrownBy(() -> pod.string("dra-driver-name")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consumer \"pod\" declares no option \"dra-driver-name\"");
        assertThatThrownBy(() -> pod.integer("ipam-default-ip-pool")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option \"ipam-default-ip-pool\" of consumer \"pod\" is NAME, not INTEGER");
        assertThatThrownBy(() -> parse().options("vm")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void helpListsHostFlagsWithDefaultsThenEachConsumersOptionsUnderItsId() {
        String help = ConfigParser.bootstrap(List.of("--help"), ENV).help(List.of(POD, ConfigFixtures.DRA, VM));

        assertThat(help).contains("  --socket-path PATH\n        unix socket of the REST API (created with mode 0660) "
                + "(default: /var/run/multipool/multipool.sock)\n");
        assertThat(help).contains("  --standalone\n");
        assertThat(help).contains("(default: /opt/multipool/plugins)");
        assertThat(help).contains("(default: env K8S_NODE_NAME, else the host name; here \"node-a\")");
        assertThat(help).contains("--ipam-cilium-node-update-rate DURATION").contains("(default: 15s)");
        for (HostFlag flag : HostFlag.values()) {
            assertThat(help).contains("  --" + flag.flagName());
        }
        int pod = help.indexOf("\nConsumer \"pod\": pod addresses\n");
        int dra = help.indexOf("\nConsumer \"dra\": DRA network devices\n");
        int vm = help.indexOf("\nConsumer \"vm\"\n");
        assertThat(pod).isPositive().isLessThan(dra);
        assertThat(dra).isLessThan(vm);
        assertThat(help.substring(pod, dra)).contains(
                "  --ipam-multi-pool-pre-allocation POOL=N[,POOL=N]\n        spare addresses to keep per pool (default: default=8)\n",
                "  --only-masquerade-default-pool\n", "(default: false)");
        assertThat(help.substring(dra, vm)).contains("--resource-ipam-multi-pool-pre-allocation POOL=N[,POOL=N]",
                "(default: empty)", "--dra-driver-name NAME", "(default: unset)");
        assertThat(help.substring(vm)).contains("--vm-max-leases N", "--vm-lease-time DURATION", "--vm-labels KEY=VALUE[,KEY=VALUE]");
    }

    @Test
    void helpSaysWhenNoConsumerIsLoaded() {
        assertThat(ConfigParser.bootstrap(List.of(), ENV).help(List.of())).contains("No consumer plugins are loaded.");
        assertThat(ConfigParser.bootstrap(List.of(), ENV).help(CONSUMERS)).doesNotContain("No consumer plugins");
    }
}
