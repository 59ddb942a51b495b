package dev.multipool.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multipool.api.IpamConsumer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPI compatibility check of {@code api/pom.xml} (japicmp) stops a breaking change and lets an
 * additive one through. A copy of the {@code api} module, with its real pom and the real parent,
 * has one method removed from {@link dev.multipool.api.ConsumerIpam} and one default method added;
 * it is built against this build's api jar as the released baseline, exactly as a build after a
 * release would be (docs/api-compatibility.md).
 */
class SpiCompatibilityIT {

    private static final String BASELINE = "0.9.0";
    private static final String REMOVED = "    boolean firstSyncDone();\n";
    private static final String ADDED = "    default String nodeZone() {\n        return \"\";\n    }\n";

    @TempDir
    Path work;

    @Test
    @DisplayName("removing an SPI method fails the api build; adding a default method is reported as compatible")
    void breakingChangeFailsTheBuild() throws IOException, URISyntaxException {
        Path root = Path.of(System.getProperty("thirdparty.root"));
        Path copy = work.resolve("project");
        Files.createDirectories(copy);
        Files.copy(root.resolve("pom.xml"), copy.resolve("pom.xml"));
        Trees.copy(root.resolve("api/src/main"), copy.resolve("api/src/main"));
        Files.copy(root.resolve("api/pom.xml"), copy.resolve("api/pom.xml"));
        Path source = copy.resolve("api/src/main/java/dev/multipool/api/ConsumerIpam.java");
        String original = Files.readString(source);
        assertThat(original).as("the method this check removes").contains(REMOVED);
        String changed = original.replace(REMOVED, "").replaceFirst("\\}\\s*$", ADDED + "}\n");
        Files.writeString(source, changed);
        Path repository = work.resolve("repository");
        installBaseline(repository);

        MavenRun run = MavenRun.run(repository, work.resolve("build.log"), List.of(
                "-f", copy.resolve("api/pom.xml").toString(), "verify", "-Dmaven.test.skip=true",
                "-Dmultipool.spi.baseline=" + BASELINE));

        assertThat(run.exitCode()).as("exit status; output:\n%s", run.output()).isNotZero();
        assertThat(run.output()).contains("japicmp").contains("dev.multipool.api.ConsumerIpam")
                .contains("firstSyncDone").contains("METHOD_REMOVED");
        List<String> report = Files.readAllLines(copy.resolve("api/target/japicmp/spi-compatibility.diff"));
        assertThat(report).anySatisfy(line -> assertThat(line).contains("REMOVED METHOD").contains("firstSyncDone")
                .startsWith("\t---!"));
        assertThat(report).anySatisfy(line -> assertThat(line).contains("NEW METHOD").contains("nodeZone")
                .startsWith("\t+++ "));
    }

    /** This build's api jar, as release {@value #BASELINE} in the test's local repository. */
    private static void installBaseline(Path repository) throws IOException, URISyntaxException {
        Path jar = Path.of(IpamConsumer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jar.getFileName().toString()).as("the api jar this build made").endsWith(".jar");
        Path directory = repository.resolve("dev/multipool/multipool-api/" + BASELINE);
        Files.createDirectories(directory);
        Files.copy(jar, directory.resolve("multipool-api-" + BASELINE + ".jar"));
        Files.writeString(directory.resolve("multipool-api-" + BASELINE + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.multipool</groupId>
                  <artifactId>multipool-api</artifactId>
                  <version>%s</version>
                  <dependencies>
                    <dependency>
                      <groupId>org.pf4j</groupId>
                      <artifactId>pf4j</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(BASELINE, System.getProperty("thirdparty.pf4jVersion")));
    }
}
