package dev.multipool.host.rest;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.host.manager.FamilyDump;
import dev.multipool.host.manager.PoolDump;
import dev.multipool.host.node.NodeSourceStatus;
import dev.multipool.host.status.ConsumerDetail;
import dev.multipool.host.status.ConsumerHealth;
import dev.multipool.host.status.ConsumerSummary;
import dev.multipool.host.status.ConsumersReport;
import dev.multipool.host.status.HealthReport;
import dev.multipool.host.status.PluginInfo;
import dev.multipool.host.status.PluginRef;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders the status documents of the REST contract: {@code /v1/healthz}, {@code /v1/consumers}
 * and {@code /v1/consumers/{id}}. Optional values are omitted when absent; lists are always
 * present (possibly empty); enum values are lower case.
 */
final class StatusJson {

    private StatusJson() {
    }

    /**
     * Builds the body of {@code GET /v1/healthz}.
     *
     * @param report the health snapshot
     * @return the JSON tree
     */
    static ObjectNode health(HealthReport report) {
        ObjectNode root = Json.object();
        root.put("state", report.state());
        NodeSourceStatus source = report.nodeSource();
        ObjectNode sourceNode = root.putObject("node-source");
        sourceNode.put("mode", source.mode().name().toLowerCase(Locale.ROOT));
        sourceNode.put("state", source.state());
        source.lastError().ifPresent(error -> sourceNode.put("last-error", error));
        sourceNode.put("writes", source.writes());
        sourceNode.put("conflicts", source.conflicts());
        sourceNode.put("failures", source.failures());
        ObjectNode consumers = root.putObject("consumers");
        for (Map.Entry<String, ConsumerHealth> entry : report.consumers().entrySet()) {
            ConsumerHealth health = entry.getValue();
            ObjectNode node = consumers.putObject(entry.getKey());
            node.put("state", health.state().wireName());
            health.gate().ifPresent(gate -> node.put("gate", gate));
            health.reason().ifPresent(reason -> node.put("reason", reason));
            strings(node.putArray("warnings"), health.warnings());
        }
        ObjectNode plugins = root.putObject("plugins");
        for (PluginInfo plugin : report.failedPlugins()) {
            ObjectNode node = plugins.putObject(plugin.id());
            node.put("state", plugin.state().wireName());
            plugin.reason().ifPresent(reason -> node.put("reason", reason));
            node.put("path", plugin.path());
        }
        return root;
    }

    /**
     * Builds the body of {@code GET /v1/consumers}.
     *
     * @param report the consumers and plugins
     * @return the JSON tree
     */
    static ObjectNode consumers(ConsumersReport report) {
        ObjectNode root = Json.object();
        ArrayNode consumers = root.putArray("consumers");
        for (ConsumerSummary summary : report.consumers()) {
            ObjectNode node = consumers.addObject();
            node.put("id", summary.id());
            node.put("description", summary.description());
            node.set("plugin", plugin(summary.plugin()));
            node.put("enabled", summary.enabled());
            node.put("state", summary.state().wireName());
            summary.reason().ifPresent(reason -> node.put("reason", reason));
        }
        ArrayNode plugins = root.putArray("plugins");
        for (PluginInfo info : report.plugins()) {
            ObjectNode node = plugins.addObject();
            node.put("id", info.id());
            node.put("version", info.version());
            node.put("requires", info.requires());
            node.put("state", info.state().wireName());
            info.reason().ifPresent(reason -> node.put("reason", reason));
            node.put("path", info.path());
        }
        return root;
    }

    /**
     * Builds the body of {@code GET /v1/consumers/{id}}.
     *
     * @param detail the consumer's detail
     * @return the JSON tree
     */
    static ObjectNode detail(ConsumerDetail detail) {
        ObjectNode root = Json.object();
        root.put("id", detail.id());
        root.set("plugin", plugin(detail.plugin()));
        root.put("state", detail.state().wireName());
        detail.reason().ifPresent(reason -> root.put("reason", reason));
        ObjectNode restore = root.putObject("restore");
        for (Family family : Family.values()) {
            Boolean finished = detail.restoreFinished().get(family);
            if (finished != null) {
                restore.put(family.wireName(), finished ? "finished" : "pending");
            }
        }
        ArrayNode pools = root.putArray("pools");
        for (PoolDump pool : detail.pools()) {
            ObjectNode node = pools.addObject();
            node.put("name", pool.name().value());
            for (Family family : Family.values()) {
                FamilyDump dump = pool.families().get(family);
                if (dump != null) {
                    node.set(family.wireName(), family(dump));
                }
            }
        }
        ObjectNode deferred = root.putObject("deferred-restores");
        new TreeMap<>(detail.deferredRestores()).forEach(deferred::put);
        strings(root.putArray("warnings"), detail.warnings());
        return root;
    }

    private static ObjectNode family(FamilyDump dump) {
        ObjectNode node = Json.object();
        cidrs(node.putArray("cidrs"), dump.cidrs());
        cidrs(node.putArray("released"), dump.released());
        cidrs(node.putArray("removed"), dump.removed());
        node.put("capacity", dump.capacity());
        node.put("in-use", dump.inUse());
        node.put("demand", dump.demand());
        node.put("pending", dump.pending());
        ObjectNode allocations = node.putObject("allocations");
        for (Map.Entry<IpAddress, String> entry : dump.allocations().entrySet()) {
            allocations.put(entry.getKey().toString(), entry.getValue());
        }
        return node;
    }

    private static ObjectNode plugin(PluginRef plugin) {
        ObjectNode node = Json.object();
        node.put("id", plugin.id());
        node.put("version", plugin.version());
        node.put("requires", plugin.requires());
        return node;
    }

    private static void cidrs(ArrayNode target, List<Cidr> cidrs) {
        cidrs.forEach(cidr -> target.add(cidr.toString()));
    }

    private static void strings(ArrayNode target, List<String> values) {
        values.forEach(target::add);
    }
}
