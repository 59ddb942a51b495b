package dev.multipool.host.consumer;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.Family;
import dev.multipool.api.IpamException;
import dev.multipool.host.manager.MultiPoolManager;
import dev.multipool.host.manager.RestoreOutcome;
import dev.multipool.host.state.AllocationRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one consumer's stored allocations into its manager (spec M41) and re-arms their
 * expiration timers with the deadlines they had. A record is never dropped from the journal
 * here: one that cannot be placed now either waits as a reservation for its CIDR
 * ({@link RestoreOutcome#DEFERRED}), or is reported and kept on disk, which is safe because the
 * manager cannot hand out its address either (a disabled family, an address no range tracks).
 */
final class RestoreReplay {

    private static final Logger log = LoggerFactory.getLogger(RestoreReplay.class);

    /**
     * What a replay did.
     *
     * @param placed records allocated in their CIDR
     * @param deferred records reserved until their CIDR is delegated
     * @param notRestored records kept on disk but not in the manager
     * @param warnings what the consumer's status should show about the records not restored
     */
    record Result(int placed, int deferred, int notRestored, List<String> warnings) {

        Result {
            warnings = List.copyOf(warnings);
        }
    }

    private RestoreReplay() {
    }

    /**
     * Replays the records, in the order given.
     *
     * @param consumerId the consumer, for messages
     * @param manager its manager
     * @param timers its expiration timers
     * @param records its stored allocations
     * @return the counts and warnings
     */
    static Result replay(String consumerId, MultiPoolManager manager, ExpirationTimers timers,
                         List<AllocationRecord> records) {
        requireNonNull(manager, "manager is null");
        Set<Family> enabled = manager.enabledFamilies();
        Map<Family, Integer> disabled = new EnumMap<>(Family.class);
        List<String> warnings = new ArrayList<>();
        int placed = 0;
        int deferred = 0;
        for (AllocationRecord record : records) {
            if (!enabled.contains(record.address().family())) {
                disabled.merge(record.address().family(), 1, Integer::sum);
                continue;
            }
            RestoreOutcome outcome;
            try {
                outcome = manager.restore(record.address(), record.pool(), record.owner());
            } catch (IpamException e) {
                warnings.add("restore: IP " + record.address() + " of pool \"" + record.pool() + "\" for owner \""
                        + record.owner() + "\" is kept on disk but not restored: " + e.getMessage());
                continue;
            }
            switch (outcome) {
                case PLACED -> placed++;
                case DEFERRED -> deferred++;
                case CONFLICT -> warnings.add("restore: IP " + record.address() + " of pool \"" + record.pool()
                        + "\" for owner \"" + record.owner() + "\" is held by another owner; not restored");
            }
            if (outcome != RestoreOutcome.CONFLICT) {
                record.expiration().ifPresent(timer -> timers.arm(record.pool(), record.address(), timer));
            }
        }
        disabled.forEach((family, count) -> warnings.add("restore: " + count + " stored allocation(s) of family "
                + family.wireName() + " are kept on disk but not restored: the family is disabled (enable it to "
                + "restore them)"));
        warnings.forEach(warning -> log.warn("consumer {}: {}", consumerId, warning));
        return new Result(placed, deferred, records.size() - placed - deferred, warnings);
    }
}
