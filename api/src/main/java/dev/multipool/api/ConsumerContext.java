package dev.multipool.api;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * How a consumer plugin reaches the host. The host builds one context per consumer and passes it
 * to {@link IpamConsumer#define(ConsumerContext)}; the plugin may keep it for the life of the
 * consumer.
 */
public interface ConsumerContext {

    /**
     * Returns the consumer's id.
     *
     * @return the id, as returned by {@link IpamConsumer#id()}
     */
    String consumerId();

    /**
     * Returns the name of this node (and of its CiliumNode).
     *
     * @return the node name
     */
    String nodeName();

    /**
     * Returns where the node resource and pools come from.
     *
     * @return the host mode
     */
    HostMode mode();

    /**
     * Returns the address families enabled on this host.
     *
     * @return one or both families
     */
    Set<Family> enabledFamilies();

    /**
     * Returns the parsed values of the options the consumer declared.
     *
     * @return the options
     */
    ConsumerOptions options();

    /**
     * Returns the host's clock. Use it for every time decision so tests can control time.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * Returns the consumer's own manager. Usable once the consumer's allocations are restored, that
     * is from {@link BackgroundTask#start()} and {@link StartupGate#check()} on; calling it from
     * {@code define} throws {@link IllegalStateException}.
     *
     * @return the manager facade
     */
    ConsumerIpam ipam();

    /**
     * Returns the host's catalog of pool objects of a kind, started on first use.
     *
     * @param kind the pool kind
     * @return the catalog
     */
    PoolCatalog pools(PoolKind kind);

    /**
     * Returns an optional host service. In Kubernetes mode the host offers fabric8's
     * {@code io.fabric8.kubernetes.client.KubernetesClient}; a plugin that uses it declares fabric8
     * with {@code provided} scope.
     *
     * @param type the service type
     * @param <T> the service type
     * @return the service, if the host offers it in this mode
     */
    <T> Optional<T> service(Class<T> type);
}
