package dev.multipool.plugins.dra.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multipool.api.Cidr;
import dev.multipool.api.IpAddress;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.resource.v1.AllocatedDeviceStatus;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;

/** Waiting for what the host does to claims and addresses, and reading the results. */
final class ClaimAwait {

    /** How long host-side effects may take in these ITs (a retry after backoff included). */
    static final Duration WAIT = Duration.ofSeconds(20);

    private ClaimAwait() {
    }

    static ConditionFactory soon() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25));
    }

    /**
     * Returns the single {@code Ready} condition of an entry.
     *
     * @param entry the entry
     * @return the condition
     */
    static Condition ready(AllocatedDeviceStatus entry) {
        assertThat(entry.getConditions()).as("conditions of %s", entry.getDevice()).hasSize(1);
        Condition condition = entry.getConditions().get(0);
        assertThat(condition.getType()).isEqualTo("Ready");
        return condition;
    }

    /**
     * Waits until a device's entry says {@code Ready: True}.
     *
     * @param cluster the cluster
     * @param claim the claim name
     * @param device the device
     * @return the entry
     */
    static AllocatedDeviceStatus awaitServed(DraCluster cluster, String claim, String device) {
        return soon().until(() -> cluster.entry(claim, device), entry -> entry != null
                && entry.getConditions() != null && entry.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    /**
     * Waits until a device's entry has a {@code Ready} condition with the reason.
     *
     * @param cluster the cluster
     * @param claim the claim name
     * @param device the device
     * @param reason the condition reason
     * @return the entry
     */
    static AllocatedDeviceStatus awaitReason(DraCluster cluster, String claim, String device, String reason) {
        return soon().until(() -> cluster.entry(claim, device), entry -> entry != null
                && entry.getConditions() != null && entry.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && reason.equals(c.getReason())));
    }

    /**
     * Returns whether an address (with or without a prefix length) lies in a CIDR.
     *
     * @param cidr the CIDR
     * @param ip the address, for example {@code 10.10.0.1/32}
     * @return true if inside
     */
    static boolean inside(String cidr, String ip) {
        int slash = ip.indexOf('/');
        return Cidr.parse(cidr).contains(IpAddress.parse(slash < 0 ? ip : ip.substring(0, slash)));
    }

    /**
     * Returns the address of a single-address prefix.
     *
     * @param prefix for example {@code 10.10.0.1/32}
     * @return {@code 10.10.0.1}
     */
    static String address(String prefix) {
        return prefix.substring(0, prefix.indexOf('/'));
    }
}
