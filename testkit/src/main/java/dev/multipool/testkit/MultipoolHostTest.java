package dev.multipool.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a real multipool host for a test class, with the plugins under test loaded from their jars.
 * One host serves every test of the class; test methods, constructors and lifecycle methods get it
 * by declaring a parameter of type {@link TestHost}, {@link HostClient} or {@link NodeDocument}.
 *
 * <pre>{@code
 * @MultipoolHostTest(pluginJars = "${plugin.jar}", options = "vm-ipam-default-pool=tenants")
 * class VmIpamIT {
 *     @Test
 *     void allocates(HostClient client) {
 *         client.ipam("vm").allocateNext("default/vm-1").expectStatus(201);
 *     }
 * }
 * }</pre>
 *
 * <p>Text attributes may name system properties as {@code ${name}}, which is how a Maven build
 * passes the path of the jar it just packaged (failsafe's {@code systemPropertyVariables}). For
 * settings this annotation does not offer, register the extension programmatically with
 * {@link MultipoolHostExtension#builder()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MultipoolHostExtension.class)
public @interface MultipoolHostTest {

    /**
     * The plugin jars to load, as paths (relative ones against the working directory).
     *
     * @return the jars
     */
    String[] pluginJars();

    /**
     * The {@code --standalone-pools} file: {@code classpath:<resource>}, a path, or empty for the
     * kit's default pools (a {@code default} CiliumPodIPPool and a {@code default}
     * CiliumResourceIPPool).
     *
     * @return where the pools come from
     */
    String standalonePools() default "";

    /**
     * Options as {@code name=value} (without dashes), for the host or for a consumer, for example
     * {@code "ipam-multi-pool-pre-allocation=default=2"}; a bare {@code name} is a boolean flag.
     *
     * @return the options
     */
    String[] options() default {};

    /**
     * Whether IPv6 is enabled ({@code --enable-ipv6}).
     *
     * @return true for a dual-stack host
     */
    boolean enableIpv6() default false;

    /**
     * The node name ({@code --k8s-node-name}).
     *
     * @return the node name
     */
    String nodeName() default HostSettings.DEFAULT_NODE_NAME;

    /**
     * The node update rate ({@code --ipam-cilium-node-update-rate}), for example {@code 200ms}.
     *
     * @return the rate
     */
    String nodeUpdateRate() default "200ms";

    /**
     * How long the start waits for {@code /v1/healthz} to answer 200, for example {@code 30s}.
     *
     * @return the timeout
     */
    String startTimeout() default "30s";

    /**
     * Whether the start waits for {@code /v1/healthz} to answer 200; turn it off to test a consumer
     * that waits at a gate or fails.
     *
     * @return true to wait
     */
    boolean awaitHealthy() default true;
}
