package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import dev.multipool.api.ResourceDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks CiliumNode bodies against the {@code spec.ipam} part of Cilium's published CiliumNode
 * schema, kept as the test resource {@code kubernetes/ciliumnode-spec-ipam.schema.json} (written
 * from the upstream CRD; see the description inside it), with Kubernetes' {@code cidr} format
 * enforced. This is what a real API server would refuse or prune and fabric8's mock does not check.
 *
 * <p>Typical use: every PUT body in {@link RequestLog} passes {@link #problemsOfNodeJson}.
 */
public final class CiliumNodeSchema {

    private static final String RESOURCE = "/kubernetes/ciliumnode-spec-ipam.schema.json";
    private static final String DIALECT_ID = "https://multipool.dev/schemas/kubernetes-structural";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema SPEC_IPAM = load();

    private CiliumNodeSchema() {
    }

    private static Schema load() {
        Dialect kubernetes = Dialect.builder(DIALECT_ID, Dialects.getDraft4()).format(new CidrFormat()).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(kubernetes, builder -> builder
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                        .pathType(PathType.LEGACY).build()));
        try (InputStream in = CiliumNodeSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Returns what is wrong with a {@code spec.ipam} value.
     *
     * @param specIpam the value (maps, lists and scalars, or a Jackson tree)
     * @return one line per problem (instance location and message); empty when valid
     */
    public static List<String> problemsOfSpecIpam(Object specIpam) {
        requireNonNull(specIpam, "specIpam is null");
        JsonNode tree = specIpam instanceof JsonNode node ? node : JSON.valueToTree(specIpam);
        List<Error> errors = SPEC_IPAM.validate(tree);
        return errors.stream().map(CiliumNodeSchema::describe).toList();
    }

    /** For example {@code spec.ipam.pools.requested[0].pool: must be at least 1 characters long}. */
    private static String describe(Error error) {
        String path = String.valueOf(error.getInstanceLocation());
        String where = "spec.ipam" + (path.startsWith("$") ? path.substring(1) : path);
        String message = error.getMessage();
        if (message.startsWith(path + ": ")) {
            message = message.substring(path.length() + 2);
        }
        return where + ": " + message;
    }

    /**
     * Returns what is wrong with a whole node's {@code spec.ipam}; a node without one is valid.
     *
     * @param node the node
     * @return the problems; empty when valid
     */
    public static List<String> problemsOfNode(ResourceDocument node) {
        requireNonNull(node, "node is null");
        return node.get("spec", "ipam").map(CiliumNodeSchema::problemsOfSpecIpam).orElse(List.of());
    }

    /**
     * Returns what is wrong with a node's JSON text (a PUT body from the {@link RequestLog}).
     *
     * @param json the body
     * @return the problems; empty when valid
     */
    public static List<String> problemsOfNodeJson(String json) {
        requireNonNull(json, "json is null");
        JsonNode ipam = JSON.readTree(json).path("spec").path("ipam");
        return ipam.isMissingNode() ? List.of() : problemsOfSpecIpam(ipam);
    }

    /**
     * Fails with every problem listed unless the node's {@code spec.ipam} is valid.
     *
     * @param node the node
     * @throws AssertionError naming the node and its problems
     */
    public static void assertValid(ResourceDocument node) {
        List<String> problems = problemsOfNode(node);
        if (!problems.isEmpty()) {
            throw new AssertionError("CiliumNode \"" + node.name() + "\" breaks the CiliumNode schema: "
                    + String.join("; ", problems));
        }
    }

    /**
     * Fails unless the body of every CiliumNode write validates, naming the first bad one.
     *
     * @param puts the writes, for example {@link KubernetesHost#nodePuts()}
     * @throws AssertionError with the request, its problems and its body
     */
    public static void assertValidPuts(List<RequestLog.Call> puts) {
        for (RequestLog.Call put : puts) {
            List<String> problems = problemsOfNodeJson(put.body());
            if (!problems.isEmpty()) {
                throw new AssertionError(put.method() + " " + put.path() + " breaks the CiliumNode schema: "
                        + String.join("; ", problems) + "\n" + put.body());
            }
        }
    }

    /**
     * Fails unless a {@code spec.ipam} map is valid (convenience for hand-built test data).
     *
     * @param specIpam the value
     * @throws AssertionError listing the problems
     */
    public static void assertValidSpecIpam(Map<String, ?> specIpam) {
        List<String> problems = problemsOfSpecIpam(specIpam);
        if (!problems.isEmpty()) {
            throw new AssertionError("spec.ipam breaks the CiliumNode schema: " + String.join("; ", problems));
        }
    }
}
