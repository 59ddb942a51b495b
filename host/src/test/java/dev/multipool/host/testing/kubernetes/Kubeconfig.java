package dev.multipool.host.testing.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig file of a {@link MockApiServer}, as the host reads it from {@code --k8s-kubeconfig-path}. */
final class Kubeconfig {

    private Kubeconfig() {
    }

    /**
     * Writes a kubeconfig whose current context points at {@code server} with a token user.
     *
     * @param file the file to write
     * @param server the API server URL
     */
    static void write(Path file, String server) {
        String yaml = String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: mock",
                "  cluster:",
                "    server: " + server,
                "users:",
                "- name: mock",
                "  user:",
                "    token: mock-token",
                "contexts:",
                "- name: mock",
                "  context:",
                "    cluster: mock",
                "    user: mock",
                "current-context: mock",
                "");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file, e);
        }
    }
}
