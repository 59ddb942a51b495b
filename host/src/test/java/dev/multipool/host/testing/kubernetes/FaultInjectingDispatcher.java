package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Wraps the mock's CRUD dispatcher: records every request in a {@link RequestLog}, answers a chosen
 * share of matching requests with an injected error status instead of serving them, and can close
 * every open watch from the server side.
 *
 * <p>Requests carrying {@link MockApiServer#DRIVER_HEADER} (the test's own client) are never
 * faulted. Shares are applied deterministically: with share {@code s}, of every {@code n}
 * matching requests exactly {@code floor(n * s)} fail, spread evenly (0.5 fails every second one).
 */
public final class FaultInjectingDispatcher extends Dispatcher {

    private final Dispatcher delegate;
    private final RequestLog log;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Set<WebSocket> watches = ConcurrentHashMap.newKeySet();

    FaultInjectingDispatcher(Dispatcher delegate, RequestLog log) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.log = requireNonNull(log, "log is null");
    }

    private static final class Fault {
        private final int status;
        private final String reason;
        private final double share;
        private final Predicate<RequestLog.Call> which;
        private final AtomicLong matched = new AtomicLong();

        private Fault(int status, String reason, double share, Predicate<RequestLog.Call> which) {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("share must be in (0, 1], got " + share);
            }
            this.status = status;
            this.reason = reason;
            this.share = share;
            this.which = requireNonNull(which, "which is null");
        }

        boolean fires(RequestLog.Call call) {
            if (!which.test(call)) {
                return false;
            }
            long n = matched.getAndIncrement();
            return (long) Math.floor((n + 1) * share) > (long) Math.floor(n * share);
        }
    }

    /**
     * Answers a share of matching requests with {@code 500 InternalError}.
     *
     * @param share the fraction in (0, 1] of matching requests that fail
     * @param which which requests may fail
     */
    public void serverErrors(double share, Predicate<RequestLog.Call> which) {
        faults.add(new Fault(500, "InternalError", share, which));
    }

    /**
     * Answers a share of matching requests with {@code 409 Conflict}, as if another writer had
     * changed the object first.
     *
     * @param share the fraction in (0, 1] of matching requests that fail
     * @param which which requests may fail
     */
    public void conflicts(double share, Predicate<RequestLog.Call> which) {
        faults.add(new Fault(409, "Conflict", share, which));
    }

    /** Removes every injected fault; requests are served normally again. */
    public void heal() {
        faults.clear();
    }

    /**
     * Closes every open watch from the server side; clients must reconnect.
     *
     * @return how many watches were closed
     */
    public int dropWatches() {
        int dropped = 0;
        for (WebSocket socket : Set.copyOf(watches)) {
            if (socket.close(1000, "watch dropped by the test")) {
                dropped++;
            }
            watches.remove(socket);
        }
        return dropped;
    }

    /**
     * Returns how many watches are open now.
     *
     * @return the count
     */
    public int openWatches() {
        return watches.size();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        boolean driver = "true".equals(request.getHeader(MockApiServer.DRIVER_HEADER));
        // getUtf8Body() would consume the body before the CRUD dispatcher reads it
        String body = request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        RequestLog.Call probe = new RequestLog.Call(request.getMethod(), request.getPath(), body, driver, 0);
        if (!driver) {
            for (Fault fault : faults) {
                if (fault.fires(probe)) {
                    log.add(new RequestLog.Call(probe.method(), probe.path(), body, false, fault.status));
                    return statusResponse(fault.status, fault.reason, probe);
                }
            }
        }
        MockResponse response = delegate.dispatch(request);
        WebSocketListener listener = response.getWebSocketListener();
        if (listener != null) {
            response.withWebSocketUpgrade(new TrackingListener(listener));
        }
        log.add(new RequestLog.Call(probe.method(), probe.path(), body, driver, response.code()));
        return response;
    }

    private static MockResponse statusResponse(int status, String reason, RequestLog.Call call) {
        String message = "injected " + status + " for " + call.method() + " " + call.pathWithoutQuery();
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"" + message
                + "\",\"reason\":\"" + reason + "\",\"code\":" + status + "}";
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(json);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
    }

    /** Keeps track of open watch sockets so they can be dropped; passes every callback on. */
    private final class TrackingListener extends ForwardingWebSocketListener {

        private TrackingListener(WebSocketListener inner) {
            super(inner);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            watches.add(webSocket);
            super.onOpen(webSocket, response);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            watches.remove(webSocket);
            super.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            watches.remove(webSocket);
            super.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            watches.remove(webSocket);
            super.onFailure(webSocket, failure, response);
        }
    }
}
