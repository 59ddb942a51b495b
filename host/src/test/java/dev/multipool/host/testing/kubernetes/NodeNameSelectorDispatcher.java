package dev.multipool.host.testing.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * fabric8's CRUD mock dispatcher, made usable with a {@code spec.nodeName} field selector, and with
 * watches whose close cannot freeze the mock ({@link OffLoopCloseListener}).
 *
 * <p>Found while writing these tests: the CRUD mock evaluates only {@code metadata.name} and
 * {@code metadata.namespace} field selectors, and answers a list or watch with
 * {@code fieldSelector=spec.nodeName=...} with <b>no</b> pods at all (a real API server filters
 * by node). This dispatcher records the {@code spec.nodeName} requirements it receives and strips
 * them before the mock sees the request, so the mock serves the pods of <b>every</b> node. That is
 * the safe direction for a test: the plugin must then keep other nodes' pods out by itself.
 */
public final class NodeNameSelectorDispatcher extends KubernetesCrudDispatcher {

    private static final String NODE_NAME = "spec.nodeName=";

    private final List<String> nodeNameSelectors = new CopyOnWriteArrayList<>();

    /** Creates a dispatcher that knows only the built-in kinds and plain custom resources. */
    public NodeNameSelectorDispatcher() {
        super();
    }

    /**
     * Creates a dispatcher that knows these custom resource definitions (for example a status
     * subresource).
     *
     * @param crds the definitions
     */
    public NodeNameSelectorDispatcher(List<CustomResourceDefinitionContext> crds) {
        super(crds);
    }

    /**
     * Returns every {@code spec.nodeName} requirement received, for example {@code spec.nodeName=node-a}.
     *
     * @return the requirements, in arrival order
     */
    public List<String> nodeNameSelectors() {
        return nodeNameSelectors;
    }

    @Override
    public MockResponse handleGet(String path) {
        return super.handleGet(strip(path));
    }

    @Override
    public MockResponse handleWatch(String path) {
        MockResponse response = super.handleWatch(strip(path));
        WebSocketListener listener = response.getWebSocketListener();
        if (listener != null) {
            response.withWebSocketUpgrade(new OffLoopCloseListener(listener));
        }
        return response;
    }

    private String strip(String path) {
        int query = path.indexOf('?');
        if (query < 0) {
            return path;
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : path.substring(query + 1).split("&")) {
            if (!parameter.startsWith("fieldSelector=")) {
                kept.add(parameter);
                continue;
            }
            List<String> requirements = new ArrayList<>();
            String selector = URLDecoder.decode(parameter.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
            for (String requirement : selector.split(",")) {
                if (requirement.startsWith(NODE_NAME)) {
                    nodeNameSelectors.add(requirement);
                } else {
                    requirements.add(requirement);
                }
            }
            if (!requirements.isEmpty()) {
                kept.add("fieldSelector=" + URLEncoder.encode(String.join(",", requirements), StandardCharsets.UTF_8));
            }
        }
        return path.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }
}
