package org.openkpi.gateway.subgraph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Sends one GraphQL operation to one domain service, asynchronously (Vert.x web client on Quarkus's event loops,
 * pooled keep-alive connections), with that service's timeout and the caller's bearer token (each service verifies
 * the token itself; the gateway never widens a caller's rights). A service that is down, too slow or answers with
 * something other than a GraphQL response fails the future with {@link UpstreamException}; a GraphQL response with
 * errors is a normal {@link SubgraphResponse}.
 */
@ApplicationScoped
public class SubgraphClient {

    private static final Logger LOG = Logger.getLogger(SubgraphClient.class);

    private final Map<String, SubgraphsConfig.Service> services;
    private final WebClient http;

    public SubgraphClient(SubgraphsConfig config, Vertx vertx) {
        this.services = Map.copyOf(config.services());
        this.http = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(2000)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setMaxPoolSize(64)
                .setDecompressionSupported(false));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public Set<String> names() {
        return new TreeSet<>(services.keySet());
    }

    public CompletableFuture<SubgraphResponse> execute(String service, String query, Map<String, Object> variables,
            String authorization) {
        return call(service, query, variables, authorization, false);
    }

    /**
     * As {@link #execute}, but the response's {@code data} is the service's JSON object as read
     * ({@link jakarta.json.JsonObject}, values {@link jakarta.json.JsonValue}), for a response that is passed on
     * unchanged rather than resolved field by field; errors are plain Java values as usual.
     */
    public CompletableFuture<SubgraphResponse> executeKeepingJson(String service, String query, Map<String, Object> variables,
            String authorization) {
        return call(service, query, variables, authorization, true);
    }

    private CompletableFuture<SubgraphResponse> call(String service, String query, Map<String, Object> variables,
            String authorization, boolean keepJson) {
        SubgraphsConfig.Service target = service(service);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (variables != null && !variables.isEmpty()) {
            body.put("variables", variables);
        }
        long timeout = target.timeout().toMillis();
        var request = http.postAbs(target.url())
                .timeout(timeout)
                .putHeader("Content-Type", "application/json")
                .putHeader("Accept", "application/json");
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        CompletableFuture<SubgraphResponse> result = new CompletableFuture<>();
        request.sendBuffer(Buffer.buffer(JsonValues.write(body))).onComplete(answer -> {
            if (answer.failed()) {
                result.completeExceptionally(unavailable(service, target, answer.cause()));
                return;
            }
            try {
                result.complete(toResponse(service, answer.result(), keepJson));
            } catch (UpstreamException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(new UpstreamException(service, service + "-service sent an unreadable answer"));
            }
        });
        // the client's timeout is per read; this bounds the whole call
        return result.orTimeout(timeout, TimeUnit.MILLISECONDS).handle((response, failure) -> {
            if (failure == null) {
                return response;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                throw new CompletionException(timedOut(service, target));
            }
            throw new CompletionException(cause);
        });
    }

    private static UpstreamException timedOut(String service, SubgraphsConfig.Service target) {
        return new UpstreamException(service, service + "-service did not answer within " + target.timeout().toMillis() + " ms");
    }

    private static UpstreamException unavailable(String service, SubgraphsConfig.Service target, Throwable cause) {
        if (cause instanceof TimeoutException) { // Vert.x reports its read timeout as a TimeoutException too

            return timedOut(service, target);
        }
        LOG.debugf(cause, "%s-service unreachable", service);
        return new UpstreamException(service, service + "-service is unreachable");
    }

    @SuppressWarnings("unchecked")
    private static SubgraphResponse toResponse(String service, HttpResponse<Buffer> response, boolean keepJson) {
        int status = response.statusCode();
        Buffer buffer = response.body();
        String body = buffer == null ? null : buffer.toString();
        JsonValue parsed = null;
        if (body != null && !body.isBlank() && body.trim().startsWith("{")) {
            try {
                parsed = JsonValues.read(body);
            } catch (RuntimeException notJson) {
                parsed = null;
            }
        }
        if (parsed instanceof JsonObject map && (map.containsKey("data") || map.containsKey("errors"))) {
            JsonValue data = map.get("data");
            Object errors = map.containsKey("errors") ? JsonValues.toJava(map.get("errors")) : null;
            Map<String, Object> dataMap = !(data instanceof JsonObject object) ? null
                    : keepJson ? (Map<String, Object>) (Map<String, ?>) object : (Map<String, Object>) JsonValues.toJava(object);
            return new SubgraphResponse(service, dataMap, errors instanceof List<?> e ? (List<Map<String, Object>>) e : List.of());
        }
        if (status == 401) {
            throw new UpstreamException(service, service + "-service rejected the bearer token (HTTP 401)");
        }
        if (status == 403) {
            throw new UpstreamException(service, service + "-service refused the request (HTTP 403)");
        }
        throw new UpstreamException(service, service + "-service answered HTTP " + status);
    }

    private SubgraphsConfig.Service service(String service) {
        SubgraphsConfig.Service target = services.get(service);
        if (target == null) {
            throw new IllegalArgumentException("no URL configured for service " + service + " (kpi.services." + service + ".url)");
        }
        return target;
    }
}
