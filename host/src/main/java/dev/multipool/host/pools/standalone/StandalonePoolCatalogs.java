package dev.multipool.host.pools.standalone;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolKind;
import dev.multipool.host.pools.PoolCatalogs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Catalogs read from standalone mode's pool file. */
public final class StandalonePoolCatalogs implements PoolCatalogs {

    private final StandalonePoolFile file;
    private final Map<PoolKind, PoolCatalog> catalogs = new ConcurrentHashMap<>();

    /**
     * Creates the catalogs.
     *
     * @param file the loaded, validated pool file
     */
    public StandalonePoolCatalogs(StandalonePoolFile file) {
        this.file = requireNonNull(file, "file is null");
    }

    @Override
    public PoolCatalog catalog(PoolKind kind) {
        return catalogs.computeIfAbsent(kind, file::catalog);
    }

    @Override
    public void close() {
    }
}
