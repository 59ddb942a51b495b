package dev.multipool.host.manager;

import dev.multipool.api.Cidr;
import dev.multipool.api.Family;
import dev.multipool.api.IpAddress;
import dev.multipool.api.PoolAllocation;
import dev.multipool.api.PoolDemand;
import dev.multipool.api.PoolName;
import dev.multipool.api.PoolRequest;
import dev.multipool.api.PoolSection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** Builders for pool sections and a few small test helpers of the manager tests. */
final class TestSections {

    private TestSections() {
    }

    static PoolName pool(String name) {
        return PoolName.of(name);
    }

    static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    static Cidr cidr(String text) {
        return Cidr.parse(text);
    }

    static PoolAllocation alloc(String pool, String... cidrs) {
        return new PoolAllocation(pool(pool), Arrays.stream(cidrs).map(Cidr::parse).toList());
    }

    static PoolRequest req(String pool, int ipv4, int ipv6) {
        return new PoolRequest(pool(pool), new PoolDemand(ipv4, ipv6));
    }

    static PoolSection allocated(PoolAllocation... allocations) {
        return new PoolSection(List.of(), List.of(allocations));
    }

    static List<PoolRequest> requested(PoolRequest... requests) {
        return List.of(requests);
    }

    /** The node section as an operator would change it: one pool's CIDR list edited. */
    static PoolSection editPool(PoolSection node, String pool, UnaryOperator<List<Cidr>> edit) {
        List<PoolAllocation> result = new ArrayList<>();
        boolean found = false;
        for (PoolAllocation allocation : node.allocated()) {
            if (allocation.pool().equals(pool(pool))) {
                found = true;
                List<Cidr> edited = edit.apply(new ArrayList<>(allocation.cidrs()));
                if (!edited.isEmpty()) {
                    result.add(new PoolAllocation(allocation.pool(), edited));
                }
            } else {
                result.add(allocation);
            }
        }
        if (!found) {
            List<Cidr> edited = edit.apply(new ArrayList<>());
            if (!edited.isEmpty()) {
                result.add(new PoolAllocation(pool(pool), edited));
            }
        }
        return node.withAllocated(result);
    }

    /** Adds CIDRs to a pool of the section (the operator delegating more). */
    static PoolSection operatorAdds(PoolSection node, String pool, String... cidrs) {
        return editPool(node, pool, list -> {
            Arrays.stream(cidrs).map(Cidr::parse).forEach(list::add);
            return list;
        });
    }

    /** Removes CIDRs from a pool of the section (the operator taking them away). */
    static PoolSection operatorRemoves(PoolSection node, String pool, String... cidrs) {
        return editPool(node, pool, list -> {
            Arrays.stream(cidrs).map(Cidr::parse).forEach(list::remove);
            return list;
        });
    }

    /** Addresses of a family allocated in a pool, from the dump. */
    static List<IpAddress> dumpedAddresses(MultiPoolManager manager, String pool, Family family) {
        return manager.dump().stream().filter(d -> d.name().equals(pool(pool)))
                .flatMap(d -> d.families().containsKey(family)
                        ? d.families().get(family).allocations().keySet().stream() : java.util.stream.Stream.empty())
                .toList();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("fixed zone");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
