package dev.multipool.host.config;

import static dev.multipool.host.config.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multipool.api.PoolName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --config FILE: YAML with the flags' names as keys; the command line wins. */
class ConfigFileTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("multipool.yaml"), yaml);
    }

    @Test
    void fileSetsHostAndConsumerOptions() throws IOException {
        Path file = file("""
                standalone: true
                state-dir: /data/multipool
                enable-ipv6: true
                ipam-cilium-node-update-rate: 2m
                prometheus-serve-addr: "[::1]:9962"
                consumers: [pod, dra]
                ipam-multi-pool-pre-allocation: {default: 16, blue: 2}
                only-masquerade-default-pool: true
                dra-driver-name: net.example.com
                """);

        Configuration config = parse("--config", file.toString());

        assertThat(config.host().standalone()).isTrue();
        assertThat(config.host().stateDir()).isEqualTo(Path.of("/data/multipool"));
        assertThat(config.host().enableIpv6()).isTrue();
        assertThat(config.host().nodeUpdateRate()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.host().prometheusServeAddr()).contains(new HostPort("::1", 9962));
        assertThat(config.host().consumers()).containsExactly("pod", "dra");
        assertThat(config.host().config()).contains(file);
        assertThat(config.options("pod").poolCounts("ipam-multi-pool-pre-allocation"))
                .containsExactly(Map.entry(PoolName.of("default"), 16), Map.entry(PoolName.of("blue"), 2));
        assertThat(config.options("pod").bool("only-masquerade-default-pool")).isTrue();
        assertThat(config.options("dra").string("dra-driver-name")).contains("net.example.com");
    }

    @Test
    void commandLineOverridesTheFile() throws IOException {
        Path file = file("""
                state-dir: /from/file
                enable-ipv6: true
                ipam-multi-pool-pre-allocation: default=4
                """);

        Configuration config = parse("--state-dir=/from/flag", "--config", file.toString(), "--enable-ipv6=false",
                "--ipam-multi-pool-pre-allocation", "default=1");

        assertThat(config.host().stateDir()).isEqualTo(Path.of("/from/flag"));
        assertThat(config.host().enableIpv6()).isFalse();
        assertThat(config.options("pod").poolCounts("ipam-multi-pool-pre-allocation"))
                .containsExactly(Map.entry(PoolName.of("default"), 1));
    }

    @Test
    void pluginsDirectoryMayComeFromTheFile() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Path file = file("plugins-dir: " + plugins + "\n");

        assertThat(ConfigParser.bootstrap(java.util.List.of("--config", file.toString()), ConfigFixtures.ENV).pluginsDir())
                .isEqualTo(plugins);
    }

    @Test
    void emptyFileChangesNothing() throws IOException {
        Path file = file("# nothing set yet\n");

        assertThat(parse("--config", file.toString()).host().stateDir()).isEqualTo(Path.of("/var/lib/multipool"));
    }

    @Test
    void badValuesInTheFileNameTheOptionAndTheFile() throws IOException {
        Path file = file("ipam-cilium-node-update-rate: 15\n");

        assertThatThrownBy(() -> parse("--config", file.toString())).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"15\" for --ipam-cilium-node-update-rate (in " + file
                        + "): missing unit after \"15\" (use ns, us, ms, s, m or h)");
    }

    @Test
    void unknownKeysAreRejected() throws IOException {
        Path file = file("state-dir: /x\nsocket: /tmp/s\n");

        assertThatThrownBy(() -> parse("--config", file.toString())).isInstanceOf(UsageException.class)
                .hasMessage("unknown option \"socket\" in " + file);
    }

    @Test
    void malformedFilesAreRejectedNamingConfig() throws IOException {
        assertThatThrownBy(() -> parse("--config", dir.resolve("absent.yaml").toString())).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"" + dir.resolve("absent.yaml") + "\" for --config: no such readable file");

        Path notYaml = file("state-dir: [unclosed\n");
        assertThatThrownBy(() -> parse("--config", notYaml.toString())).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("invalid value \"" + notYaml + "\" for --config: not valid YAML");

        Path list = file("- standalone\n- enable-ipv6\n");
        assertThatThrownBy(() -> parse("--config", list.toString())).isInstanceOf(UsageException.class)
                .hasMessage("invalid value \"" + list + "\" for --config: expected a mapping of option names to values");

        Path twice = file("state-dir: /a\nstate-dir: /b\n");
        assertThatThrownBy(() -> parse("--config", twice.toString())).isInstanceOf(UsageException.class)
                .hasMessageContaining("state-dir");

        Path nested = file("consumers: [[pod]]\n");
        assertThatThrownBy(() -> parse("--config", nested.toString())).isInstanceOf(UsageException.class)
                .hasMessage("invalid value for --consumers (in " + nested + "): nested lists and mappings are not supported");

        Path empty = file("state-dir:\n");
        assertThatThrownBy(() -> parse("--config", empty.toString())).isInstanceOf(UsageException.class)
                .hasMessage("missing value for --state-dir (in " + empty + ")");

        Path recursive = file("config: other.yaml\n");
        assertThatThrownBy(() -> parse("--config", recursive.toString())).isInstanceOf(UsageException.class)
                .hasMessage("--config cannot be set inside the config file " + recursive);
    }
}
