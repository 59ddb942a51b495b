package dev.multipool.host.testing.kubernetes;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * Wraps the CRUD mock's watch listener so that its {@code onClosed} and {@code onFailure} run on a
 * thread of their own instead of the mock server's event loop.
 *
 * <p>Why: fabric8 8.0.0's {@code WatchEventsListener} queues the server side of a close on its
 * send executor ({@code onClosing}) and then, in {@code onClosed} / {@code onFailure}, waits up to
 * a minute for that executor to finish, on the event loop the queued close needs. A client that
 * closes a watch (an informer being stopped) could so freeze the whole mock for tens of seconds:
 * every request meanwhile timed out and was retried (seen as 30 s stalls and as retried POSTs
 * failing with 409). Off the loop the queued close completes at once. Every other callback is
 * delegated unchanged, on the caller's thread.
 */
final class OffLoopCloseListener extends ForwardingWebSocketListener {

    OffLoopCloseListener(WebSocketListener inner) {
        super(inner);
    }

    private static void offLoop(Runnable action) {
        Thread thread = new Thread(action, "mock-watch-close");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        offLoop(() -> inner.onClosed(webSocket, code, reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
        offLoop(() -> inner.onFailure(webSocket, failure, response));
    }
}
