package dev.multipool.host.pools;

import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolKind;

/** The host's pool catalogs, one per pool kind, created on first use and shared by consumers. */
public interface PoolCatalogs extends AutoCloseable {

    /**
     * Returns the catalog of a kind, starting it on first use.
     *
     * @param kind the pool kind
     * @return the catalog
     */
    PoolCatalog catalog(PoolKind kind);

    /** Stops every catalog started. */
    @Override
    void close();
}
