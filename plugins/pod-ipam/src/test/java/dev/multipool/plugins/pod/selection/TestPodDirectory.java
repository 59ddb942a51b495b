package dev.multipool.plugins.pod.selection;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-test pod directory (our own interface) that the test fills by hand. */
final class TestPodDirectory implements PodDirectory {

    private final Map<String, PodMeta> pods = new ConcurrentHashMap<>();
    private final Map<String, NamespaceMeta> namespaces = new ConcurrentHashMap<>();
    private volatile boolean synced = true;

    TestPodDirectory pod(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
        pods.put(namespace + "/" + name, new PodMeta(namespace, name, labels, annotations));
        return this;
    }

    TestPodDirectory namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
        namespaces.put(name, new NamespaceMeta(name, labels, annotations));
        return this;
    }

    TestPodDirectory unsynced() {
        synced = false;
        return this;
    }

    @Override
    public boolean isSynced() {
        return synced;
    }

    @Override
    public Optional<PodMeta> pod(String namespace, String name) {
        return Optional.ofNullable(pods.get(namespace + "/" + name));
    }

    @Override
    public Optional<NamespaceMeta> namespace(String name) {
        return Optional.ofNullable(namespaces.get(name));
    }
}
