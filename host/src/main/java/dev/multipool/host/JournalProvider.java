package dev.multipool.host;

import dev.multipool.host.config.HostOptions;
import dev.multipool.host.state.AllocationJournal;
import dev.multipool.host.state.FileAllocationJournal;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

/** The allocation journal under {@code <state-dir>/allocations}. */
final class JournalProvider implements Provider<AllocationJournal> {

    private final HostOptions options;

    @Inject
    JournalProvider(HostOptions options) {
        this.options = options;
    }

    @Override
    public AllocationJournal get() {
        return new FileAllocationJournal(options.stateDir().resolve("allocations"));
    }
}
