package dev.multipool.host.testing.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * A watch listener that passes every callback on to the mock's own listener; subclasses override
 * the callbacks they observe or move. The deprecated ByteString message form reaches
 * {@link #onMessage(WebSocket, String)} through the base class's default.
 */
abstract class ForwardingWebSocketListener extends WebSocketListener {

    /** The listener every callback is passed on to. */
    final WebSocketListener inner;

    ForwardingWebSocketListener(WebSocketListener inner) {
        this.inner = requireNonNull(inner, "inner is null");
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
        inner.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        inner.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        inner.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        inner.onMessage(webSocket, bytes);
    }

    @Override
    public void onPing(WebSocket webSocket, byte[] payload) {
        inner.onPing(webSocket, payload);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        inner.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        inner.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
        inner.onFailure(webSocket, failure, response);
    }
}
