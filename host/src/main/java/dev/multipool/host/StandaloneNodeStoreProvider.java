package dev.multipool.host;

import dev.multipool.host.config.HostOptions;
import dev.multipool.host.node.standalone.StandaloneNodeStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/** Opens the standalone node document under {@code <state-dir>/standalone}. */
final class StandaloneNodeStoreProvider implements Provider<StandaloneNodeStore> {

    private final HostOptions options;

    @Inject
    StandaloneNodeStoreProvider(HostOptions options) {
        this.options = options;
    }

    @Override
    public StandaloneNodeStore get() {
        return new StandaloneNodeStore(options.stateDir().resolve("standalone"), options.nodeName());
    }
}
