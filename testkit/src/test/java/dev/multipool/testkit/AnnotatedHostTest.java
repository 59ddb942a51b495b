package dev.multipool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.multipool.api.Family;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The declarative form, {@link MultipoolHostTest}, run through JUnit's own engine test kit: the jar
 * path comes from a system property, options reach the consumer, and a missing property fails the
 * class with a message naming it. (The annotated case is nested, so the build does not run it on
 * its own; a {@code -Dtest} pattern that selects it alone finds it disabled.)
 */
class AnnotatedHostTest {

    private static final String POOLS_PROPERTY = "testkit.test.pools";
    /** Set only while this class runs the case, so a -Dtest pattern that matches the case alone skips it. */
    private static final String INSIDE_PROPERTY = "testkit.test.annotated-case";

    @BeforeEach
    void markInside() {
        System.setProperty(INSIDE_PROPERTY, "true");
    }

    @AfterEach
    void clearProperties() {
        System.clearProperty(DemoPlugins.DEMO_JAR_PROPERTY);
        System.clearProperty(POOLS_PROPERTY);
        System.clearProperty(INSIDE_PROPERTY);
    }

    @Test
    @DisplayName("@MultipoolHostTest starts one host for the class with the jar, pools and options it names")
    void annotatedClassRuns() {
        System.setProperty(DemoPlugins.DEMO_JAR_PROPERTY, DemoPlugins.DEMO.toString());
        System.setProperty(POOLS_PROPERTY, "annotated-pools.yaml");

        EngineExecutionResults results = run(AnnotatedCase.class);

        assertThat(results.allEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::toString)))
                .isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
    }

    @Test
    @DisplayName("an unset ${property} fails the class with a message naming the property")
    void missingPropertyFailsClearly() {
        EngineExecutionResults results = run(AnnotatedCase.class);

        Optional<Throwable> failure = results.containerEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class))
                .flatMap(result -> result.getThrowable().stream())
                .findFirst();
        assertThat(failure).get().extracting(Throwable::getMessage).asString()
                .contains("system property " + DemoPlugins.DEMO_JAR_PROPERTY + " is not set");
        assertThat(results.testEvents().started().count()).isZero();
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    /** A third party's test class, as it would be written. */
    @MultipoolHostTest(pluginJars = "${" + DemoPlugins.DEMO_JAR_PROPERTY + "}",
            standalonePools = "classpath:${" + POOLS_PROPERTY + "}",
            options = {"demo-pre-allocation=default=3", "enable-ipv6"})
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @EnabledIfSystemProperty(named = INSIDE_PROPERTY, matches = "true")
    static class AnnotatedCase {

        @Test
        @Order(1)
        void optionsReachTheConsumer(HostClient client) {
            // nothing in use and three spare addresses (the default is two): a demand of three
            assertThat(client.consumer("demo").json().at("/pools/0/ipv4/demand").asInt()).isEqualTo(3);
        }

        @Test
        @Order(2)
        void poolsComeFromTheResource(HostClient client, TestHost host) {
            HostResponse response = client.ipam("demo").allocateNext("ns/annotated").expectStatus(201);

            assertThat(response.address(Family.IPV4)).get().asString().startsWith("10.77.");
            assertThat(response.address(Family.IPV6)).get().asString().startsWith("fd00:77:");
            assertThat(host.commandLine()).contains("--enable-ipv6", "--demo-pre-allocation=default=3");
        }
    }
}
