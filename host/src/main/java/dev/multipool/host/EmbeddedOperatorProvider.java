package dev.multipool.host;

import dev.multipool.host.node.standalone.EmbeddedOperator;
import dev.multipool.host.node.standalone.StandaloneNodeStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/** The embedded operator on the standalone node store. */
final class EmbeddedOperatorProvider implements Provider<EmbeddedOperator> {

    private final StandaloneNodeStore store;

    @Inject
    EmbeddedOperatorProvider(StandaloneNodeStore store) {
        this.store = store;
    }

    @Override
    public EmbeddedOperator get() {
        return new EmbeddedOperator(store);
    }
}
