package dev.multipool.host.rest;

import static java.util.Objects.requireNonNull;

import dev.multipool.host.consumer.ConsumerDirectory;
import dev.multipool.host.rest.Route.RouteMatch;
import dev.multipool.host.status.HealthReport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty core handler of the REST API: routes each request, serves it on the calling thread
 * (requests may block on durable writes), writes the JSON reply and reports it to the
 * {@link RequestObserver}.
 */
final class RestHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);

    private static final String JSON = "application/json";
    private static final byte[] NEWLINE = "\n".getBytes(StandardCharsets.US_ASCII);

    private final ConsumerDirectory directory;
    private final IpamEndpoints ipam;
    private final RequestObserver observer;

    RestHandler(ConsumerDirectory directory, RequestObserver observer) {
        this.directory = requireNonNull(directory, "directory is null");
        this.ipam = new IpamEndpoints(directory);
        this.observer = requireNonNull(observer, "observer is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        Optional<RouteMatch> match = Route.match(path);
        Reply reply = serve(request, method, path, match);
        // observed before the reply goes out: a client that saw the reply finds it in the metrics
        String route = match.map(found -> found.route().pattern()).orElse(RequestObserver.UNMATCHED_ROUTE);
        try {
            observer.observe(method, route, reply.status(), System.nanoTime() - started);
        } catch (RuntimeException e) {
            LOG.warn("request observer failed for {} {}: {}", method, route, e.toString());
        }
        write(reply, response, callback);
        return true;
    }

    private Reply serve(Request request, String method, String path, Optional<RouteMatch> match) {
        try {
            if (match.isEmpty()) {
                throw HttpProblem.of(404, "no endpoint at " + path);
            }
            RouteMatch found = match.get();
            if (!found.route().allows(method)) {
                throw HttpProblem.methodNotAllowed(method, found.route());
            }
            String rawQuery = request.getHttpURI().getQuery();
            switch (found.route()) {
                case HEALTHZ:
                    QueryParameters.parse(rawQuery, Set.of());
                    HealthReport health = directory.health();
                    return Reply.json(health.httpStatus(), StatusJson.health(health));
                case CONSUMERS:
                    QueryParameters.parse(rawQuery, Set.of());
                    return Reply.json(200, StatusJson.consumers(directory.consumers()));
                case CONSUMER:
                    QueryParameters.parse(rawQuery, Set.of());
                    String id = found.consumerId().orElseThrow();
                    return directory.detail(id)
                            .map(detail -> Reply.json(200, StatusJson.detail(detail)))
                            .orElseThrow(() -> HttpProblem.of(404, "no consumer \"" + id + "\" is enabled on this host"));
                default:
                    return ipam.serve(found, method, rawQuery,
                            request.getHeaders().getValuesList(InputRules.EXPIRATION_HEADER));
            }
        } catch (HttpProblem problem) {
            return Reply.of(problem);
        } catch (RuntimeException error) {
            LOG.error("{} {} failed unexpectedly", method, path, error);
            return Reply.error(500, IpamEndpoints.messageOf(error));
        }
    }

    private static void write(Reply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        if (reply.allow() != null) {
            response.getHeaders().put(HttpHeader.ALLOW, reply.allow());
        }
        if (reply.body() == null) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            response.write(true, null, callback);
            return;
        }
        ByteBuffer body = ByteBuffer.allocate(reply.body().length + NEWLINE.length).put(reply.body()).put(NEWLINE).flip();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, (long) body.remaining());
        response.write(true, body, callback);
    }
}
