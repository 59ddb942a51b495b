package dev.multipool.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.host.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Main.run} with the test plugins loaded: exit status 2 naming the option for bad flags and
 * conflicts, 0 and each consumer's options under its id for {@code --help}, 1 with a clear message
 * when the socket is held by a live host.
 */
class MainE2eTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(E2eHostBuilder builder, String... extra) {
        builder.prepare();
        List<String> args = new ArrayList<>(builder.arguments());
        args.addAll(List.of(extra));
        return Main.run(args, builder.environment(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--no-such-flag", "1"), "unknown flag --no-such-flag"),
                Arguments.of(List.of("--ipam-cilium-node-update-rate", "soon"), "--ipam-cilium-node-update-rate"),
                Arguments.of(List.of("--ipam-cilium-node-update-rate=-1s"), "--ipam-cilium-node-update-rate"),
                Arguments.of(List.of("--enable-ipv6=perhaps"), "--enable-ipv6"),
                Arguments.of(List.of("--prometheus-serve-addr", "localhost"), "--prometheus-serve-addr"),
                Arguments.of(List.of("--e2e-pod-pre-allocation", "default=-1"), "--e2e-pod-pre-allocation"),
                Arguments.of(List.of("--e2e-pod-pre-allocation", "Bad_Pool=1"), "--e2e-pod-pre-allocation"),
                Arguments.of(List.of("--consumers", "pod,vm"), "--consumers"),
                Arguments.of(List.of("--enable-ipv4=false"), "--enable-ipv4"),
                Arguments.of(List.of("--k8s-kubeconfig-path", "/etc/kubeconfig"), "--standalone conflicts with --k8s-kubeconfig-path"),
                Arguments.of(List.of("--k8s-node-name", "Not A Node"), "--k8s-node-name"),
                Arguments.of(List.of("--socket-path", "/tmp/" + "s".repeat(120) + ".sock"), "--socket-path"),
                Arguments.of(List.of("stray"), "unexpected argument \"stray\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    @DisplayName("bad flags, bad values and conflicts exit with 2 and a message naming the option")
    void usageError(List<String> flags, String named) {
        int status = run(E2eHost.in(dir), flags.toArray(String[]::new));

        assertThat(status).as(err()).isEqualTo(2);
        assertThat(err()).startsWith("multipool-host: ").contains(named).contains("--help");
        assertThat(dir.resolve("run/api.sock")).doesNotExist();
    }

    @Test
    @DisplayName("an unknown key in the --config file exits with 2 naming the key and the file")
    void badConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("host.yaml"), "ipam-cilium-node-update-rate: 1s\ncolour: blue\n");

        int status = run(E2eHost.in(dir), "--config", config.toString());

        assertThat(status).as(err()).isEqualTo(2);
        assertThat(err()).contains("colour").contains(config.toString());
    }

    @Test
    @DisplayName("an invalid pool file exits with 2 naming --standalone-pools and the object")
    void badPoolFile() {
        int status = run(E2eHost.in(dir).pools("apiVersion: cilium.io/v2alpha1\nkind: CiliumPodIPPool\n"
                + "metadata: {name: default}\nspec:\n  ipv4: {cidrs: [\"10.0.0.0/8\"], maskSize: 40}\n"));

        assertThat(status).as(err()).isEqualTo(2);
        assertThat(err()).contains("--standalone-pools").contains("maskSize 40");
    }

    @Test
    @DisplayName("--help exits with 0 and lists each loaded consumer's options under its id")
    void help() {
        int status = run(E2eHost.in(dir), "--help");

        assertThat(status).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("--standalone-pools FILE").contains("--socket-path PATH");
        int dra = help.indexOf("Consumer \"dra\"");
        int pod = help.indexOf("Consumer \"pod\": end-to-end pods");
        assertThat(dra).isPositive();
        assertThat(pod).isGreaterThan(dra);
        assertThat(help.indexOf("--e2e-dra-pre-allocation POOL=N[,POOL=N]")).isBetween(dra, pod);
        assertThat(help.indexOf("--e2e-pod-pre-allocation POOL=N[,POOL=N]")).isGreaterThan(pod);
        assertThat(help).contains("spare pod addresses per pool (default: default=2)");
        assertThat(dir.resolve("run/api.sock")).doesNotExist();
    }

    @Test
    @DisplayName("exit 1 with a clear message when a live host already serves on the socket path")
    void socketInUse(@TempDir Path other) {
        try (E2eHost live = E2eHost.in(dir).start()) {
            E2eHostBuilder second = E2eHost.in(other);
            second.prepare();
            List<String> args = new ArrayList<>(second.arguments());
            args.addAll(List.of("--socket-path", live.socket.toString()));

            int status = Main.run(args, second.environment(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(status).isEqualTo(1);
            assertThat(err()).startsWith("multipool-host: cannot start: ")
                    .contains("socket path " + live.socket + " is in use");
            // the live host is untouched
            assertThat(live.get("/v1/healthz").status()).isEqualTo(200);
            assertThat(live.post("/v1/ipam?owner=ns/still-here").status()).isEqualTo(201);
        }
    }
}
