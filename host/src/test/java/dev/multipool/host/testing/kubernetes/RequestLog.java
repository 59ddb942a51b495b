package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every request the {@link MockApiServer} received, in arrival order, for functional assertions
 * such as "at most 2 PUTs of the CiliumNode" (write amplification).
 */
public final class RequestLog {

    /**
     * One request.
     *
     * @param method the HTTP method ({@code GET}, {@code PUT}, ...)
     * @param path the path with its query, for example {@code /apis/cilium.io/v2/ciliumnodes/node-a}
     * @param body the request body as UTF-8 (empty when none)
     * @param driver true when the test itself sent it (see {@link MockApiServer#DRIVER_HEADER})
     * @param status the status the server answered (for a fault: the injected one; for a watch: 101)
     */
    public record Call(String method, String path, String body, boolean driver, int status) {

        /** Validates the parts. */
        public Call {
            requireNonNull(method, "method is null");
            requireNonNull(path, "path is null");
            requireNonNull(body, "body is null");
        }

        /**
         * Returns the path without its query.
         *
         * @return the path
         */
        public String pathWithoutQuery() {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        /**
         * Returns whether this is a watch request.
         *
         * @return true for {@code ?watch=true}
         */
        public boolean isWatch() {
            return path.contains("watch=true");
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    void add(Call call) {
        calls.add(call);
    }

    /**
     * Returns every request so far, the test's own included.
     *
     * @return a snapshot
     */
    public List<Call> all() {
        return List.copyOf(calls);
    }

    /**
     * Returns the requests of the code under test (not sent by the test driver) that match.
     *
     * @param filter the condition
     * @return a snapshot in arrival order
     */
    public List<Call> fromHost(Predicate<Call> filter) {
        return calls.stream().filter(call -> !call.driver()).filter(filter).toList();
    }

    /**
     * Counts the PUTs of the code under test to one CiliumNode (its main resource, not status).
     *
     * @param nodeName the node
     * @return how many PUTs were received (answered or refused)
     */
    public long ciliumNodePuts(String nodeName) {
        String path = MockApiServer.CILIUM_NODES_PATH + "/" + nodeName;
        return fromHost(call -> call.method().equals("PUT") && call.pathWithoutQuery().equals(path)).size();
    }

    /**
     * Counts the watch requests of the code under test to a collection path (each reconnect is one).
     *
     * @param collectionPath for example {@link MockApiServer#CILIUM_NODES_PATH}
     * @return the count
     */
    public long watches(String collectionPath) {
        return fromHost(call -> call.isWatch() && call.pathWithoutQuery().equals(collectionPath)).size();
    }

    /** Forgets every request so far. */
    public void clear() {
        calls.clear();
    }
}
