package dev.multipool.host.consumer;

import dev.multipool.host.status.ConsumerDetail;
import dev.multipool.host.status.ConsumersReport;
import dev.multipool.host.status.HealthReport;
import java.util.Optional;

/** What the REST API needs from the host: consumers by id, and the status documents. */
public interface ConsumerDirectory {

    /**
     * Returns the consumer that {@code /v1/ipam} addresses: {@code pod} when loaded and enabled,
     * otherwise the only enabled consumer if there is exactly one.
     *
     * @return the id, if there is such a consumer
     */
    Optional<String> defaultConsumerId();

    /**
     * Returns the IPAM layer of a consumer that is ready.
     *
     * @param consumerId the id
     * @return the service
     * @throws ConsumerUnavailableException if no enabled consumer has the id (404), or it is
     *     starting or failed (503)
     */
    IpamService ipam(String consumerId);

    /**
     * Returns the health report.
     *
     * @return a snapshot
     */
    HealthReport health();

    /**
     * Returns the consumers and plugins report.
     *
     * @return a snapshot
     */
    ConsumersReport consumers();

    /**
     * Returns one consumer's detail.
     *
     * @param consumerId the id
     * @return the detail, or empty when no loaded consumer has the id
     */
    Optional<ConsumerDetail> detail(String consumerId);
}
