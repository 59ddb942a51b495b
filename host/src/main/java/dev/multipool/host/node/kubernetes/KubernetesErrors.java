package dev.multipool.host.node.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Short, readable descriptions of client failures for logs and status. */
public final class KubernetesErrors {

    private KubernetesErrors() {
    }

    /**
     * Describes a failure: the HTTP status and the server's message when the server answered,
     * otherwise the innermost cause (for example {@code API server unreachable: ConnectException}).
     *
     * @param failure the failure
     * @return one line
     */
    public static String describe(Throwable failure) {
        if (failure instanceof KubernetesClientException client && client.getCode() > 0) {
            String message = client.getStatus() != null ? client.getStatus().getMessage() : null;
            return "HTTP " + client.getCode() + (message == null || message.isBlank() ? "" : ": " + message);
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String what = root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        if (root instanceof java.io.IOException) {
            return "API server unreachable: " + what;
        }
        return what;
    }
}
