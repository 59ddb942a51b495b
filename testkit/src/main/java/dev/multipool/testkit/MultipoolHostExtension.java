package dev.multipool.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension that runs a real multipool host for tests: see {@link TestHost} for what
 * runs, {@link MultipoolHostTest} for the declarative form, and {@link #builder()} for the
 * programmatic one.
 *
 * <pre>{@code
 * class PodIpamIT {
 *     @RegisterExtension
 *     static final MultipoolHostExtension HOST = MultipoolHostExtension.builder()
 *             .pluginJar(Path.of(System.getProperty("plugin.jar")))
 *             .option("ipam-multi-pool-pre-allocation", "default=2")
 *             .build();
 *
 *     @Test
 *     void allocates(HostClient client, NodeDocument node) { ... }
 * }
 * }</pre>
 *
 * <p>Lifecycle: registered on a {@code static} field, or declared with {@link MultipoolHostTest},
 * one host serves the whole class (started before all tests, closed after them); registered on an
 * instance field, every test gets a fresh host. Parameters of type {@link TestHost},
 * {@link HostClient} and {@link NodeDocument} are resolved to the running host's.
 */
public final class MultipoolHostExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final HostSettings fixedSettings;
    private TestHost host;
    private int classDepth;

    /** Creates the extension for {@link MultipoolHostTest}; it reads its settings from that annotation. */
    public MultipoolHostExtension() {
        this.fixedSettings = null;
    }

    private MultipoolHostExtension(HostSettings settings) {
        this.fixedSettings = requireNonNull(settings, "settings is null");
    }

    /**
     * Starts a programmatic configuration.
     *
     * @return a builder with the kit's defaults
     */
    public static MultipoolHostBuilder builder() {
        return new MultipoolHostBuilder();
    }

    static MultipoolHostExtension of(HostSettings settings) {
        return new MultipoolHostExtension(settings);
    }

    /**
     * Returns the host, for tests that keep the extension in a field.
     *
     * @return the host
     * @throws IllegalStateException outside a test (before the host started or after it closed)
     */
    public synchronized TestHost host() {
        if (host == null) {
            throw new IllegalStateException("the test host is not running: use it from a test or lifecycle method");
        }
        return host;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            host = launch(settings(context));
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--classDepth == 0) {
            closeHost();
        }
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (host == null) {
            host = launch(settings(context));
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (classDepth == 0) { // a host per test: registered on an instance field, without beforeAll
            closeHost();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestHost.class || type == HostClient.class || type == NodeDocument.class;
    }

    @Override
    public synchronized Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        TestHost current = host();
        if (type == HostClient.class) {
            return current.client();
        }
        if (type == NodeDocument.class) {
            return current.node();
        }
        return current;
    }

    private HostSettings settings(ExtensionContext context) {
        if (fixedSettings != null) {
            return fixedSettings;
        }
        Class<?> type = context.getTestClass().orElse(null);
        while (type != null) {
            Optional<MultipoolHostTest> annotation = AnnotationSupport.findAnnotation(type, MultipoolHostTest.class);
            if (annotation.isPresent()) {
                try {
                    return AnnotationSettings.read(annotation.get());
                } catch (IllegalArgumentException e) {
                    throw new ExtensionConfigurationException("@MultipoolHostTest on " + type.getName() + ": "
                            + e.getMessage(), e);
                }
            }
            type = type.getEnclosingClass();
        }
        throw new ExtensionConfigurationException("MultipoolHostExtension needs @MultipoolHostTest on the test class, "
                + "or registration with @RegisterExtension and MultipoolHostExtension.builder()");
    }

    private static TestHost launch(HostSettings settings) {
        TestHost prepared = TestHost.prepare(settings);
        try {
            prepared.start();
            return prepared;
        } catch (RuntimeException | Error e) {
            prepared.close();
            throw e;
        }
    }

    private void closeHost() {
        TestHost current = host;
        host = null;
        if (current != null) {
            current.close();
        }
    }
}
