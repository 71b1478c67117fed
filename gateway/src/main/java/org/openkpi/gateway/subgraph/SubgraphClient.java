package org.openkpi.gateway.subgraph;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Sends one GraphQL operation to one domain service, asynchronously, with that service's timeout and the caller's
 * bearer token (each service verifies the token itself; the gateway never widens a caller's rights). A service that
 * is down, too slow or answers with something other than a GraphQL response fails the future with
 * {@link UpstreamException}; a GraphQL response with errors is a normal {@link SubgraphResponse}.
 */
@ApplicationScoped
public class SubgraphClient {

    private static final Logger LOG = Logger.getLogger(SubgraphClient.class);

    private final Map<String, SubgraphsConfig.Service> services;
    private final HttpClient http;

    public SubgraphClient(SubgraphsConfig config) {
        this.services = Map.copyOf(config.services());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    public Set<String> names() {
        return new TreeSet<>(services.keySet());
    }

    public boolean knows(String service) {
        return services.containsKey(service);
    }

    public Duration timeout(String service) {
        return service(service).timeout();
    }

    public CompletableFuture<SubgraphResponse> execute(String service, String query, Map<String, Object> variables,
            String authorization) {
        SubgraphsConfig.Service target = service(service);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (variables != null && !variables.isEmpty()) {
            body.put("variables", variables);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url()))
                .timeout(target.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonValues.write(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(unavailable(service, target, failure));
                    }
                    return toResponse(service, response);
                });
    }

    private UpstreamException unavailable(String service, SubgraphsConfig.Service target, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return new UpstreamException(service, service + "-service did not answer within " + target.timeout().toMillis() + " ms");
        }
        LOG.debugf(cause, "%s-service unreachable", service);
        return new UpstreamException(service, service + "-service is unreachable");
    }

    @SuppressWarnings("unchecked")
    private static SubgraphResponse toResponse(String service, HttpResponse<String> response) {
        int status = response.statusCode();
        Object parsed = null;
        String body = response.body();
        if (body != null && !body.isBlank() && body.trim().startsWith("{")) {
            try {
                parsed = JsonValues.parse(body);
            } catch (RuntimeException notJson) {
                parsed = null;
            }
        }
        if (parsed instanceof Map<?, ?> map && (map.containsKey("data") || map.containsKey("errors"))) {
            Object data = map.get("data");
            Object errors = map.get("errors");
            return new SubgraphResponse(service, data instanceof Map<?, ?> d ? (Map<String, Object>) d : null,
                    errors instanceof List<?> e ? (List<Map<String, Object>>) e : List.of());
        }
        if (status == 401) {
            throw new CompletionException(new UpstreamException(service, service + "-service rejected the bearer token (HTTP 401)"));
        }
        if (status == 403) {
            throw new CompletionException(new UpstreamException(service, service + "-service refused the request (HTTP 403)"));
        }
        throw new CompletionException(new UpstreamException(service, service + "-service answered HTTP " + status));
    }

    private SubgraphsConfig.Service service(String service) {
        SubgraphsConfig.Service target = services.get(service);
        if (target == null) {
            throw new IllegalArgumentException("no URL configured for service " + service + " (kpi.services." + service + ".url)");
        }
        return target;
    }
}
