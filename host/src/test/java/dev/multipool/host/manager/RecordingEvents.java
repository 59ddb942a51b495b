package dev.multipool.host.manager;

import dev.multipool.api.Cidr;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolName;
import java.util.ArrayList;
import java.util.List;

/** Records every manager event as a short line, for assertions. */
final class RecordingEvents implements ManagerEvents {

    private final List<String> lines = new ArrayList<>();

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    private synchronized void add(String line) {
        lines.add(line);
    }

    @Override
    public void duplicateCidr(PoolName pool, Cidr cidr) {
        add("duplicate " + pool + " " + cidr);
    }

    @Override
    public void cidrTooSmall(PoolName pool, Cidr cidr) {
        add("too-small " + pool + " " + cidr);
    }

    @Override
    public void overlappingCidr(PoolName pool, Cidr cidr, PoolName otherPool, Cidr existing) {
        add("overlap " + pool + " " + cidr + " " + otherPool + " " + existing);
    }

    @Override
    public void inUseCidrRemoved(PoolName pool, Cidr cidr, long used) {
        add("removed " + pool + " " + cidr + " " + used);
    }

    @Override
    public void removedCidrRelisted(PoolName pool, Cidr cidr) {
        add("relisted " + pool + " " + cidr);
    }

    @Override
    public void cidrReleased(PoolName pool, Cidr cidr) {
        add("released " + pool + " " + cidr);
    }

    @Override
    public void cidrReclaimed(PoolName pool, Cidr cidr) {
        add("reclaimed " + pool + " " + cidr);
    }

    @Override
    public void restoreDeferred(PoolName pool, IpAddress address, String owner, String why) {
        add("deferred " + pool + " " + address + " " + owner + ": " + why);
    }

    @Override
    public void restorePlaced(PoolName pool, IpAddress address, String owner) {
        add("placed " + pool + " " + address + " " + owner);
    }

    @Override
    public void restoreConflict(PoolName pool, IpAddress address, String owner, String currentOwner) {
        add("conflict " + pool + " " + address + " " + owner + " held by " + currentOwner);
    }
}
