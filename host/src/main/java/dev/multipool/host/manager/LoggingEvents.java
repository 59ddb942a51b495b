package dev.multipool.host.manager;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Cidr;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every manager event, naming the consumer, then passes it on to the configured sink. */
final class LoggingEvents implements ManagerEvents {

    private static final Logger LOG = LoggerFactory.getLogger(MultiPoolManager.class);

    private final String consumer;
    private final ManagerEvents delegate;

    LoggingEvents(String consumer, ManagerEvents delegate) {
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public void duplicateCidr(PoolName pool, Cidr cidr) {
        LOG.error("[{}] ignoring duplicate CIDR {} of pool \"{}\"", consumer, cidr, pool);
        delegate.duplicateCidr(pool, cidr);
    }

    @Override
    public void cidrTooSmall(PoolName pool, Cidr cidr) {
        LOG.error("[{}] skipping too-small CIDR {} of pool \"{}\": it has no usable address", consumer, cidr, pool);
        delegate.cidrTooSmall(pool, cidr);
    }

    @Override
    public void overlappingCidr(PoolName pool, Cidr cidr, PoolName otherPool, Cidr existing) {
        LOG.error("[{}] ignoring CIDR {} of pool \"{}\": it overlaps CIDR {} of pool \"{}\"",
                consumer, cidr, pool, existing, otherPool);
        delegate.overlappingCidr(pool, cidr, otherPool, existing);
    }

    @Override
    public void inUseCidrRemoved(PoolName pool, Cidr cidr, long used) {
        LOG.error("[{}] in-use CIDR {} of pool \"{}\" was removed from spec ({} address(es) in use); keeping it",
                consumer, cidr, pool, used);
        delegate.inUseCidrRemoved(pool, cidr, used);
    }

    @Override
    public void removedCidrRelisted(PoolName pool, Cidr cidr) {
        LOG.info("[{}] removed CIDR {} of pool \"{}\" is listed again; owning it again", consumer, cidr, pool);
        delegate.removedCidrRelisted(pool, cidr);
    }

    @Override
    public void cidrReleased(PoolName pool, Cidr cidr) {
        LOG.info("[{}] releasing unused CIDR {} of pool \"{}\"", consumer, cidr, pool);
        delegate.cidrReleased(pool, cidr);
    }

    @Override
    public void cidrReclaimed(PoolName pool, Cidr cidr) {
        LOG.info("[{}] reclaiming released CIDR {} of pool \"{}\"", consumer, cidr, pool);
        delegate.cidrReclaimed(pool, cidr);
    }

    @Override
    public void restoreDeferred(PoolName pool, IpAddress address, String owner, String why) {
        LOG.warn("[{}] deferring restore of IP {} of pool \"{}\" for owner \"{}\": {}", consumer, address, pool, owner, why);
        delegate.restoreDeferred(pool, address, owner, why);
    }

    @Override
    public void restorePlaced(PoolName pool, IpAddress address, String owner) {
        LOG.info("[{}] restored deferred IP {} of pool \"{}\" for owner \"{}\"", consumer, address, pool, owner);
        delegate.restorePlaced(pool, address, owner);
    }

    @Override
    public void restoreConflict(PoolName pool, IpAddress address, String owner, String currentOwner) {
        LOG.error("[{}] cannot restore IP {} of pool \"{}\" for owner \"{}\": it is held by owner \"{}\"",
                consumer, address, pool, owner, currentOwner);
        delegate.restoreConflict(pool, address, owner, currentOwner);
    }
}
