package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.ConsumerContext;
import dev.multipool.api.ConsumerIpam;
import dev.multipool.api.ConsumerOptions;
import dev.multipool.api.Family;
import dev.multipool.api.HostMode;
import dev.multipool.api.PoolCatalog;
import dev.multipool.api.PoolDefinition;
import dev.multipool.api.PoolKind;
import dev.multipool.api.PoolName;
import dev.multipool.api.Subscription;
import dev.multipool.host.plugin.PluginCalls;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The {@link ConsumerContext} the host hands to one consumer. */
final class HostConsumerContext implements ConsumerContext {

    private final String consumerId;
    private final RuntimeSettings settings;
    private final HostServices services;
    private final ConsumerOptions options;
    private final ClassLoader pluginLoader;
    private final Supplier<ConsumerIpam> ipam;

    HostConsumerContext(String consumerId, RuntimeSettings settings, HostServices services, ConsumerOptions options,
                        ClassLoader pluginLoader, Supplier<ConsumerIpam> ipam) {
        this.consumerId = requireNonNull(consumerId, "consumerId is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.services = requireNonNull(services, "services is null");
        this.options = requireNonNull(options, "options is null");
        this.pluginLoader = requireNonNull(pluginLoader, "pluginLoader is null");
        this.ipam = requireNonNull(ipam, "ipam is null");
    }

    @Override
    public String consumerId() {
        return consumerId;
    }

    @Override
    public String nodeName() {
        return settings.nodeName();
    }

    @Override
    public HostMode mode() {
        return settings.mode();
    }

    @Override
    public Set<Family> enabledFamilies() {
        return settings.families();
    }

    @Override
    public ConsumerOptions options() {
        return options;
    }

    @Override
    public Clock clock() {
        return settings.clock();
    }

    @Override
    public ConsumerIpam ipam() {
        return ipam.get();
    }

    @Override
    public PoolCatalog pools(PoolKind kind) {
        PoolCatalog catalog = services.catalogs().catalog(requireNonNull(kind, "kind is null"));
        return new PoolCatalog() {
            @Override
            public PoolKind kind() {
                return catalog.kind();
            }

            @Override
            public boolean isSynced() {
                return catalog.isSynced();
            }

            @Override
            public Optional<PoolDefinition> get(PoolName name) {
                return catalog.get(name);
            }

            @Override
            public List<PoolDefinition> list() {
                return catalog.list();
            }

            @Override
            public Subscription onChange(Runnable listener) {
                return catalog.onChange(PluginCalls.wrap(Runnable.class, listener, pluginLoader));
            }
        };
    }

    @Override
    public <T> Optional<T> service(Class<T> type) {
        return Optional.ofNullable(services.services().get(type)).map(type::cast);
    }
}
