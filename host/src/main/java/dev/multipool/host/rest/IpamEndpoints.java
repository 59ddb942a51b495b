package dev.multipool.host.rest;

import static java.util.Objects.requireNonNull;

import dev.multipool.api.AllocationResult;
import dev.multipool.api.Family;
import dev.multipool.api.FamilyDisabledException;
import dev.multipool.api.IpAddress;
import dev.multipool.api.IpamException;
import dev.multipool.api.PoolName;
import dev.multipool.host.consumer.ConsumerDirectory;
import dev.multipool.host.consumer.IpamReply;
import dev.multipool.host.consumer.IpamService;
import dev.multipool.host.consumer.NextAddressRequest;
import dev.multipool.host.rest.ErrorStatus.Operation;
import dev.multipool.host.rest.Route.RouteMatch;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four IPAM endpoints, for the default consumer and for {@code /v1/consumers/{id}}. Every
 * parameter is checked before the consumer is looked up, so malformed input changes nothing.
 */
final class IpamEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(IpamEndpoints.class);

    private static final Set<String> NEXT_PARAMETERS = Set.of("family", "owner", "pool");
    private static final Set<String> ALLOCATE_PARAMETERS = Set.of("owner", "pool");
    private static final Set<String> RELEASE_PARAMETERS = Set.of("pool");
    private static final Set<String> EXPIRATION_PARAMETERS = Set.of("pool", "uuid");

    private final ConsumerDirectory directory;

    IpamEndpoints(ConsumerDirectory directory) {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /**
     * Serves one IPAM request whose route and method are known to match.
     *
     * @param match the route and its path variables
     * @param method {@code POST} or {@code DELETE}
     * @param rawQuery the raw query string, or null
     * @param expirationHeader every value of the {@code expiration} header
     * @return the reply
     */
    Reply serve(RouteMatch match, String method, String rawQuery, List<String> expirationHeader) {
        Optional<String> consumer = match.consumerId();
        switch (match.route()) {
            case NEXT:
            case CONSUMER_NEXT:
                return next(consumer, QueryParameters.parse(rawQuery, NEXT_PARAMETERS), expirationHeader);
            case ADDRESS:
            case CONSUMER_ADDRESS:
                IpAddress address = InputRules.address(match.ip().orElseThrow());
                return "POST".equals(method)
                        ? allocate(consumer, address, QueryParameters.parse(rawQuery, ALLOCATE_PARAMETERS))
                        : release(consumer, address, QueryParameters.parse(rawQuery, RELEASE_PARAMETERS));
            case EXPIRATION:
            case CONSUMER_EXPIRATION:
                return stopExpiration(consumer, InputRules.address(match.ip().orElseThrow()),
                        QueryParameters.parse(rawQuery, EXPIRATION_PARAMETERS));
            default:
                throw new IllegalArgumentException("not an IPAM route: " + match.route());
        }
    }

    private Reply next(Optional<String> consumer, QueryParameters query, List<String> expirationHeader) {
        Optional<Family> family = InputRules.family(query);
        String owner = InputRules.owner(query);
        Optional<PoolName> pool = InputRules.pool(query);
        boolean expiration = InputRules.expiration(expirationHeader);
        NextAddressRequest request = new NextAddressRequest(family, owner, pool, expiration);
        return call(Operation.NEXT, consumer, service -> {
            family.ifPresent(wanted -> requireEnabled(service, wanted, null));
            IpamReply reply = service.allocateNext(request);
            return Reply.json(201, IpamJson.response(reply));
        });
    }

    private Reply allocate(Optional<String> consumer, IpAddress address, QueryParameters query) {
        String owner = InputRules.owner(query);
        PoolName pool = InputRules.requiredPool(query, "pool name must be provided");
        return call(Operation.ALLOCATE, consumer, service -> {
            requireEnabled(service, address.family(), address);
            AllocationResult result = service.allocate(address, pool, owner);
            LOG.debug("allocated {} from pool \"{}\" for owner \"{}\"", result.address(), result.pool(), result.owner());
            return Reply.empty(200);
        });
    }

    private Reply release(Optional<String> consumer, IpAddress address, QueryParameters query) {
        PoolName pool = InputRules.requiredPool(query, "no IPAM pool provided for IP release");
        return call(Operation.RELEASE, consumer, service -> {
            requireEnabled(service, address.family(), address);
            service.release(address, pool);
            return Reply.empty(200);
        });
    }

    private Reply stopExpiration(Optional<String> consumer, IpAddress address, QueryParameters query) {
        PoolName pool = InputRules.requiredPool(query, "pool name must be provided");
        String uuid = InputRules.uuid(query);
        return call(Operation.STOP_EXPIRATION, consumer, service -> {
            requireEnabled(service, address.family(), address);
            service.stopExpiration(address, pool, uuid);
            return Reply.empty(200);
        });
    }

    private Reply call(Operation operation, Optional<String> consumer, Function<IpamService, Reply> action) {
        try {
            String id = consumer.isPresent() ? consumer.get() : directory.defaultConsumerId()
                    .orElseThrow(() -> HttpProblem.of(404, "no default consumer: no consumer \"pod\" is enabled and"
                            + " there is not exactly one enabled consumer; use /v1/consumers/{id}/ipam"));
            return action.apply(directory.ipam(id));
        } catch (HttpProblem problem) {
            throw problem;
        } catch (RuntimeException error) {
            int status = ErrorStatus.of(operation, error);
            String message = messageOf(error);
            if (status == 500) {
                if (error instanceof IpamException) {
                    LOG.warn("{} failed: {}", operation, message);
                } else {
                    LOG.error("{} failed unexpectedly: {}", operation, message, error);
                }
            } else {
                LOG.debug("{} answered {}: {}", operation, status, message);
            }
            return Reply.error(status, message);
        }
    }

    private static void requireEnabled(IpamService service, Family family, IpAddress address) {
        if (!service.enabledFamilies().contains(family)) {
            throw new FamilyDisabledException(family, address);
        }
    }

    /**
     * Returns an error's message, or its class name when it has none.
     *
     * @param error the error
     * @return the text to send
     */
    static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isEmpty() ? error.getClass().getName() : message;
    }
}
