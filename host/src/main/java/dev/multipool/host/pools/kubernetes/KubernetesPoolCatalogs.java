package dev.multipool.host.pools.kubernetes;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolKind;
import dev.multipool.host.pools.PoolCatalogs;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;

/** Informer-backed catalogs on the API server, one informer per pool kind. */
public final class KubernetesPoolCatalogs implements PoolCatalogs {

    private final KubernetesClient client;
    private final Map<PoolKind, KubernetesPoolCatalog> catalogs = new HashMap<>();

    /**
     * Creates the catalogs; no informer runs until a kind is asked for.
     *
     * @param client the client
     */
    public KubernetesPoolCatalogs(KubernetesClient client) {
        this.client = requireNonNull(client, "client is null");
    }

    @Override
    public synchronized PoolCatalog catalog(PoolKind kind) {
        return catalogs.computeIfAbsent(kind, key -> {
            KubernetesPoolCatalog catalog = new KubernetesPoolCatalog(client, key);
            catalog.start();
            return catalog;
        });
    }

    @Override
    public synchronized void close() {
        catalogs.values().forEach(KubernetesPoolCatalog::close);
        catalogs.clear();
    }
}
